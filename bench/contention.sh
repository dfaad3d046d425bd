#!/usr/bin/env bash
# Contention: (1) ADVOCATES advocates resolve the same approval at the same instant, ROUNDS times:
# exactly one winner each time, p99 of the resolutions ≤ 100 ms; (2) THREADS concurrent posts for ONE
# member (POSTS each): seq gapless, chain valid (the service's verify and an independent recomputation),
# throughput reported.
#
#   ./mvnw package -DskipTests && bench/contention.sh [--rounds 200] [--advocates 50] [--threads 200] [--posts 5]
. "$(dirname "$0")/lib/common.sh"
ROUNDS=200; ADVOCATES=50; THREADS=200; POSTS=5; APP_EXTRA=""
while (($#)); do
    case $1 in
        --rounds) ROUNDS=$2; shift 2 ;;
        --advocates) ADVOCATES=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --posts) POSTS=$2; shift 2 ;;
        --p99-limit) P99_LIMIT=$2; shift 2 ;;
        --app-env) APP_EXTRA=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_jar
echo "# bench/contention.sh --rounds $ROUNDS --advocates $ADVOCATES --threads $THREADS --posts $POSTS"
machine_info
mint_tokens "$WORK/member.tsv" 1 member "m-contention-$RUN_TAG-%d"
mint_tokens "$WORK/member2.tsv" 1 member "m-one-member-$RUN_TAG-%d"
mint_tokens "$WORK/advocates.tsv" "$ADVOCATES" advocate "a-contention-$RUN_TAG-%03d"
if [[ -n $APP_EXTRA ]]; then new_db contention; migrate_db "$DB"; start_app "$DB" $APP_EXTRA; else app_for_drill contention; fi
rc=0
python3 "$BENCH_DIR/tools/contention.py" approvals "$APP_URL" "$WORK/member.tsv" "$WORK/advocates.tsv" \
    --rounds "$ROUNDS" --advocates "$ADVOCATES" --p99-limit "${P99_LIMIT:-100}" || rc=1
python3 "$BENCH_DIR/tools/contention.py" one-member "$APP_URL" "$WORK/member2.tsv" --threads "$THREADS" --posts "$POSTS" || rc=1
member2=$(cut -f1 "$WORK/member2.tsv")
gaps=$(psql_db "$DB" -c "SELECT count(*) || ' entries, seq ' || min(seq) || '..' || max(seq) FROM security_logs WHERE member_id = '$member2'")
echo "INFO one member in the database: $gaps"
python3 "$BENCH_DIR/tools/verify_chains.py" "$DB" | sed 's/^/INFO independent recomputation of every chain: /' || rc=1
exit $rc
