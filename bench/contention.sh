#!/usr/bin/env bash
# Contention: (1) ADVOCATES advocates resolve the same approval at the same instant, ROUNDS times:
# exactly one winner each time, p99 of the resolutions ≤ 100 ms; (2) THREADS concurrent posts for ONE
# member (POSTS each): seq gapless, chain valid (the service's verify and an independent recomputation),
# throughput reported. With --writers N, N threads keep posting scam calls and transactions for 200 other
# members (bench/tools/loadgen.py) all through the approvals drill: none of their answers may be a 5xx.
# With --stall-limit S, no resolution and no write may take S seconds or more (a request waiting that long
# waited for a pooled connection until the acquisition timeout: the pool starved).
#
#   ./mvnw package -DskipTests && bench/contention.sh [--rounds 200] [--advocates 50] [--threads 200] [--posts 5]
#                                                     [--writers 10] [--stall-limit 1] [--app-env "VAR=value ..."]
. "$(dirname "$0")/lib/common.sh"
ROUNDS=200; ADVOCATES=50; THREADS=200; POSTS=5; APP_EXTRA=""; WRITERS=0; STALL_LIMIT=""
while (($#)); do
    case $1 in
        --rounds) ROUNDS=$2; shift 2 ;;
        --advocates) ADVOCATES=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --posts) POSTS=$2; shift 2 ;;
        --p99-limit) P99_LIMIT=$2; shift 2 ;;
        --app-env) APP_EXTRA=$2; shift 2 ;;
        --writers) WRITERS=$2; shift 2 ;;
        --stall-limit) STALL_LIMIT=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_jar
echo "# bench/contention.sh --rounds $ROUNDS --advocates $ADVOCATES --threads $THREADS --posts $POSTS --writers $WRITERS${STALL_LIMIT:+ --stall-limit $STALL_LIMIT}${APP_EXTRA:+ --app-env \"$APP_EXTRA\"}"
machine_info
mint_tokens "$WORK/member.tsv" 1 member "m-contention-$RUN_TAG-%d"
mint_tokens "$WORK/member2.tsv" 1 member "m-one-member-$RUN_TAG-%d"
mint_tokens "$WORK/advocates.tsv" "$ADVOCATES" advocate "a-contention-$RUN_TAG-%03d"
if [[ -n $APP_EXTRA ]]; then new_db contention; migrate_db "$DB"; start_app "$DB" $APP_EXTRA; else app_for_drill contention; fi
rc=0
if ((WRITERS > 0)); then
    mint_tokens "$WORK/writers.tsv" 200 member "m-writer-$RUN_TAG-%d"
    python3 "$BENCH_DIR/tools/loadgen.py" "$APP_URL" "$WORK/writers.tsv" --duration 3600 --threads "$WRITERS" --mix both \
        --stop-file "$WORK/stop-writers" --events "$WORK/writes.csv" --timeout 60 >"$WORK/writes.json" &
    WRITERS_PID=$!
    at_exit "kill $WRITERS_PID"
fi
python3 "$BENCH_DIR/tools/contention.py" approvals "$APP_URL" "$WORK/member.tsv" "$WORK/advocates.tsv" \
    --rounds "$ROUNDS" --advocates "$ADVOCATES" --p99-limit "${P99_LIMIT:-100}" | tee "$WORK/approvals.out" || rc=1
grep -q '^FAIL' "$WORK/approvals.out" && rc=1
if ((WRITERS > 0)); then
    touch "$WORK/stop-writers"; wait "$WRITERS_PID" || true
    echo "INFO steady writes during the approvals drill: $(cat "$WORK/writes.json")"
    python3 - "$WORK/writes.csv" "${STALL_LIMIT:-0}" <<'PY' || rc=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
limit = float(sys.argv[2])
server_errors = [r for r in rows if int(r["status"]) >= 500 or int(r["status"]) == 0]
slowest = max((float(r["elapsed"]) for r in rows), default=0.0)
ok = not server_errors and (limit == 0 or slowest < limit)
print("%s steady writes beside the resolutions: %d requests, %d answered 5xx or not at all, slowest %.2f s%s"
      % ("PASS" if ok else "FAIL", len(rows), len(server_errors), slowest, " (limit %.1f s)" % limit if limit else ""))
sys.exit(0 if ok else 1)
PY
fi
if [[ -n $STALL_LIMIT ]]; then
    max_ms=$(sed -n 's/^FIGURES .*"max_ms": \([0-9.]*\).*/\1/p' "$WORK/approvals.out")
    check "no resolution stalled" "${max_ms:-999999} < $STALL_LIMIT * 1000" "slowest of the resolutions ${max_ms:-?} ms (limit ${STALL_LIMIT} s)" || true
    ((RESULT_FAILS == 0)) || rc=1
fi
python3 "$BENCH_DIR/tools/contention.py" one-member "$APP_URL" "$WORK/member2.tsv" --threads "$THREADS" --posts "$POSTS" || rc=1
member2=$(cut -f1 "$WORK/member2.tsv")
gaps=$(psql_db "$DB" -c "SELECT count(*) || ' entries, seq ' || min(seq) || '..' || max(seq) FROM security_logs WHERE member_id = '$member2'")
echo "INFO one member in the database: $gaps"
python3 "$BENCH_DIR/tools/verify_chains.py" "$DB" | sed 's/^/INFO independent recomputation of every chain: /' || rc=1
exit $rc
