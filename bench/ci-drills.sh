#!/usr/bin/env bash
# The quick reliability drills, for CI (.ci/run calls this after `./mvnw -B verify` built the jar).
# Each drill starts the packaged app against a database of its own and prints PASS/FAIL lines with
# figures; this script sums them up, prints "N passed, N failed" and exits non-zero on any FAIL.
# Budget: 4 minutes in all on the 2-core machine (each drill is also bounded by `timeout`).
# The long variants (10-minute soak, 10,000 bad requests, 1,000 races, 1M-bill crash) run by hand:
# see bench/README.md.
set -uo pipefail
cd "$(dirname "$0")/.."
[[ -f target/quarkus-app/quarkus-run.jar ]] || { echo "FAIL ci-drills: no target/quarkus-app/quarkus-run.jar (./mvnw package first)"; exit 1; }

START=$(date +%s)
LOG=$(mktemp /tmp/aegis-ci-drills.XXXXXX)
trap 'rm -f "$LOG"' EXIT
failed_drills=()

drill() { # name limit-seconds command...
    local name=$1 limit=$2; shift 2
    local t0=$SECONDS rc
    echo "=== drill $name: $*"
    timeout --kill-after=10 "$limit" "$@" 2>&1 | grep -E '^(PASS|FAIL|INFO|FIGURES|statuses|fuzz seed|  #)' | tee -a "$LOG"
    rc=${PIPESTATUS[0]}
    if ((rc == 124 || rc == 137)); then
        echo "FAIL $name: did not finish within $limit s" | tee -a "$LOG"
    elif ((rc != 0)) && ! grep -q "^FAIL" <(tail -n 50 "$LOG"); then
        echo "FAIL $name: exited $rc without a verdict" | tee -a "$LOG"
    fi
    ((rc == 0)) || failed_drills+=("$name")
    echo "    ($name took $((SECONDS - t0)) s)"
}

drill idempotency-race 40 bench/drills/idempotency-race.sh --rounds 200 --concurrency 10
drill contention 50 bench/contention.sh --rounds 20 --advocates 50 --threads 100 --posts 2
drill bad-input 45 bench/drills/bad-input.sh --count 2000 --seed "${FUZZ_SEED:-$((START % 100000))}"
drill db-outage 40 bench/drills/db-outage.sh --outage 5 --before 3 --after 8 --threads 6
drill graceful-shutdown 60 bench/drills/graceful-shutdown.sh --before 3 --threads 8
drill soak 60 bench/drills/soak.sh --duration 30 --probe 8
drill migration-crash 60 bench/drills/migration-crash.sh --bills 100000 --kill-at 30 --kill-after 20

passed=$(grep -c '^PASS' "$LOG"); failed=$(grep -c '^FAIL' "$LOG")
echo
echo "ci-drills: $((passed + failed)) checks in $(( $(date +%s) - START )) s${failed_drills[*]:+; failing drills: ${failed_drills[*]}}"
echo "drills: $passed passed, $failed failed"
((failed == 0 && ${#failed_drills[@]} == 0))
