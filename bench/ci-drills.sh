#!/usr/bin/env bash
# The quick reliability drills, for CI (.ci/run calls this after `./mvnw -B verify` built the jar).
# Each drill prints PASS/FAIL lines with figures; this script sums them up, prints
# "drills: N passed, N failed" and exits non-zero on any FAIL.
#
# Budget: 18 minutes in all on the 2-core machine (the rolling update builds the previous release: ~3-5 min). To stay inside it, the drills that only need a
# running app (idempotency race, contention, bad input, soak) share ONE app start and database; the
# database outage (its own private PostgreSQL cluster), graceful shutdown and the events kill -9 (they kill
# their app) and the migration crash (the migrate command) get their own. Each drill is bounded by `timeout`, and by what
# is left of the budget.
# The long variants (10-minute soak, 10,000 bad requests, 1,000 races, 1M-bill crash, 10 s outage) run
# by hand: see bench/README.md.
# The app's heap is bounded as in a pod (Dockerfile.jvm: SerialGC, a quarter of a 320Mi limit, rounded up),
# so "RSS flat" judges leaks, not a heap growing towards this machine's default ceiling (a quarter of 24 GiB).
export JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx128m -XX:+ExitOnOutOfMemoryError"}
. "$(dirname "$0")/lib/common.sh"
set +e
need_jar
BUDGET=${CI_DRILLS_BUDGET:-1080}
START=$SECONDS
RESULTS=$WORK/results
: >"$RESULTS"
failed_drills=()

drill() { # name limit-seconds command...
    local name=$1 limit=$2; shift 2
    local left=$((BUDGET - (SECONDS - START))) t0=$SECONDS rc
    ((limit > left)) && limit=$left
    if ((limit < 10)); then
        echo "FAIL $name: not run, the ${BUDGET} s budget is spent" | tee -a "$RESULTS"; failed_drills+=("$name"); return
    fi
    echo "=== drill $name: $*"
    timeout --kill-after=5 "$limit" "$@" >"$WORK/$name.out" 2>&1
    rc=$?
    grep -E '^(PASS|FAIL|INFO|FIGURES|statuses|fuzz seed|  #|  invalid|  head)' "$WORK/$name.out" | cut -c1-400 | tee -a "$RESULTS"
    if ((rc == 124 || rc == 137)); then
        echo "FAIL $name: did not finish within $limit s" | tee -a "$RESULTS"
    elif ((rc != 0)) && ! grep -q '^FAIL' "$WORK/$name.out"; then
        echo "FAIL $name: exited $rc without a verdict; last lines:" | tee -a "$RESULTS"
        tail -5 "$WORK/$name.out" | sed 's/^/    /'
    fi
    ((rc == 0)) || failed_drills+=("$name")
    echo "    ($name took $((SECONDS - t0)) s)"
}

# One app for the drills that only need one running.
new_db cidrills
migrate_db "$DB"
start_app "$DB"
export BENCH_APP_URL=$APP_URL BENCH_APP_PID=$APP_PID BENCH_DB=$DB BENCH_APP_LOG=$APP_LOG
drill idempotency-race 45 bench/drills/idempotency-race.sh --rounds 200 --concurrency 10
# CI judges correctness; the latency target (p99 <= 100 ms) is judged by the full run on a quiet machine
# (docs/PERFORMANCE.md): here p99 only has to stay under 5 s, whatever else shares CI's 2 cores.
drill contention 45 bench/contention.sh --rounds 20 --advocates 50 --threads 100 --posts 2 --p99-limit 5000
drill bad-input 45 bench/drills/bad-input.sh --count 2000 --seed "${FUZZ_SEED:-$(( $(date +%s) % 100000 ))}"
drill soak 45 bench/drills/soak.sh --duration 20 --probe 5
stop_app
unset BENCH_APP_URL BENCH_APP_PID BENCH_DB BENCH_APP_LOG

# Same rule for the outage: CI judges 503s, recovery and durability; the 1 s fail-fast target is judged by the
# full drill (docs/PERFORMANCE.md §6.2: 0.67 s with the shipped 0.5 s acquisition timeout, 2.04-2.09 s before).
drill db-outage 60 bench/drills/db-outage.sh --outage 5 --before 3 --after 7 --threads 6 --fail-fast 3
drill graceful-shutdown 60 bench/drills/graceful-shutdown.sh --before 3 --threads 8
# An acknowledged change's event is never lost: the pod dies between commit and publish, the restart publishes.
drill events-kill9 90 bench/drills/events-kill9.sh --count 50
drill migration-crash 60 bench/drills/migration-crash.sh --bills 50000 --kill-at 30 --kill-after 15
drill backup-restore 90 bench/drills/backup-restore.sh --entries 20000 --members 200 --load 3
# Builds the previous release (or the scratch one) in a git worktree under /tmp first: ~3 minutes of the budget.
drill rolling-update 600 bench/drills/rolling-update.sh --quick

passed=$(grep -c '^PASS' "$RESULTS"); failed=$(grep -c '^FAIL' "$RESULTS")
echo
echo "ci-drills: $((passed + failed)) checks in $((SECONDS - START)) s${failed_drills[*]:+; drills with a FAIL: ${failed_drills[*]}}"
echo "drills: $passed passed, $failed failed"
((failed == 0 && ${#failed_drills[@]} == 0))
