#!/usr/bin/env bash
# Drill: replay and race. The same POST with the same Idempotency-Key sent by CONCURRENCY threads at
# once, ROUNDS times (a fresh key per round): every answer of a round the same 201 entry, and the
# member ends with exactly ROUNDS entries (counted in the database and by the service's verify).
#
#   ./mvnw package -DskipTests && bench/drills/idempotency-race.sh [--rounds 1000] [--concurrency 10] [--endpoint scam|tx]
. "$(dirname "$0")/../lib/common.sh"
ROUNDS=1000; CONCURRENCY=10; ENDPOINT=scam
while (($#)); do
    case $1 in
        --rounds) ROUNDS=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        --endpoint) ENDPOINT=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_jar
echo "# bench/drills/idempotency-race.sh --rounds $ROUNDS --concurrency $CONCURRENCY --endpoint $ENDPOINT"
mint_tokens "$WORK/member.tsv" 1 member "m-idem-$RUN_TAG-%d"
app_for_drill idem
rc=0
python3 "$BENCH_DIR/tools/idem_race.py" "$APP_URL" "$WORK/member.tsv" --rounds "$ROUNDS" --concurrency "$CONCURRENCY" \
    --endpoint "$ENDPOINT" || rc=1
member=$(cut -f1 "$WORK/member.tsv")
kind=SCAM_CALL; [[ $ENDPOINT == tx ]] && kind=TRANSACTION
entries=$(psql_db "$DB" -c "SELECT count(*) FROM security_logs WHERE member_id = '$member' AND type = '$kind'")
keys=$(psql_db "$DB" -c "SELECT count(*) FROM idempotency_keys WHERE caller_id = '$member'")
check "exactly one entry per key" "$entries == $ROUNDS" "$entries $kind entries and $keys stored keys for $ROUNDS keys x $CONCURRENCY concurrent sends"
python3 "$BENCH_DIR/tools/verify_chains.py" "$DB" --member "$member" --quiet | sed 's/^/INFO chain: /' || { fail "chain intact"; }
exit $(( rc || RESULT_FAILS > 0 ))
