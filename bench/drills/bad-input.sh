#!/usr/bin/env bash
# Drill: bad input at volume. COUNT seeded mutations of valid requests across every endpoint
# (bench/tools/fuzz.py): zero 5xx, every 4xx an application/problem+json document with a matching
# status, no stack trace; afterwards every chain intact and nothing half-written.
# The seed is printed; a failing request replays alone with
#   python3 bench/tools/fuzz.py URL TOKDIR --approval ID --seed S --only I --show
#
#   ./mvnw package -DskipTests && bench/drills/bad-input.sh [--count 10000] [--seed N] [--threads 4]
. "$(dirname "$0")/../lib/common.sh"
COUNT=10000; SEED=$(( $(date +%s) % 100000 )); THREADS=4
while (($#)); do
    case $1 in
        --count) COUNT=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_jar
echo "# bench/drills/bad-input.sh --count $COUNT --seed $SEED --threads $THREADS"
T=$WORK/tokens; mkdir -p "$T"
mint_tokens "$T/member.tsv" 1 member "m-fuzz-$RUN_TAG-%d"
mint_tokens "$T/advocate.tsv" 1 advocate "a-fuzz-$RUN_TAG-%d"
mint_tokens "$T/admin.tsv" 1 admin "ops-fuzz-$RUN_TAG-%d"
mint_tokens "$T/stranger.tsv" 1 member,advocate "m-stranger-$RUN_TAG-%d"
mint_tokens "$T/expired.tsv" 1 member "m-fuzz-$RUN_TAG-%d" -60
app_for_drill fuzz
MT=$(cut -f2 "$T/member.tsv")
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $MT" "$APP_URL/api/v1/members/me/advocates/$(cut -f1 "$T/advocate.tsv")"
APPROVAL=$(curl -fsS -X POST -H "Authorization: Bearer $MT" -H 'Content-Type: application/json' \
    -d "{\"amount\":\"900.00\",\"currency\":\"EUR\",\"payee\":\"Fuzz setup\",\"channel\":\"WIRE\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"riskScore\":10}" \
    "$APP_URL/api/v1/transactions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["approval"]["id"])')
rc=0
python3 "$BENCH_DIR/tools/fuzz.py" "$APP_URL" "$T" --approval "$APPROVAL" --count "$COUNT" --seed "$SEED" --threads "$THREADS" || rc=1
python3 "$BENCH_DIR/tools/drillcheck.py" consistent "$DB" || rc=1
if grep -qE '^[^ ]+ [^ ]+ ERROR' "$APP_LOG"; then
    echo "INFO app log ERROR lines (first 3):"; grep -E 'ERROR' "$APP_LOG" | cut -c1-300 | head -3 | sed 's/^/   /' || true
fi
exit $rc
