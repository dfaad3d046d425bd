#!/usr/bin/env bash
# The ceiling: HTTP throughput of the packaged app against PostgreSQL's own throughput for the SAME SQL
# (pgbench custom scripts in bench/sql), same members, same connection count, in one run; then the
# latency at half of the HTTP maximum.
#
#   ./mvnw package -DskipTests && bench/ceiling.sh [options]
#     --workloads "scam-calls transactions reads"   which to run (default all three, in that order:
#                                                    reads use the rows the writes left)
#     --runs 3 --duration 30 --warmup 10 --conns 32 --members 1000 --wrk-threads 2
#     --app-env "VAR=value ..."                      extra app configuration (e.g. a pool size)
#
# Prints, per workload and run, pgbench tps, HTTP req/s, their ratio, and non-expected answers;
# then the medians and the latency at half the HTTP maximum. Everything also goes to $OUT (default
# bench/results/ceiling-<UTC timestamp>.txt).
. "$(dirname "$0")/lib/common.sh"

WORKLOADS="scam-calls transactions reads"; RUNS=3; DURATION=30; WARMUP=10; CONNS=32; MEMBERS=1000; WRK_THREADS=2
APP_EXTRA=""
while (($#)); do
    case $1 in
        --workloads) WORKLOADS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        --members) MEMBERS=$2; shift 2 ;;
        --wrk-threads) WRK_THREADS=$2; shift 2 ;;
        --app-env) APP_EXTRA=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk pgbench:postgresql-client bc:bc curl:curl
need_jar
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/ceiling-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1

echo "# bench/ceiling.sh --workloads \"$WORKLOADS\" --runs $RUNS --duration $DURATION --warmup $WARMUP --conns $CONNS --members $MEMBERS ${APP_EXTRA:+--app-env \"$APP_EXTRA\"}"
machine_info

new_db ceiling
migrate_db "$DB"
# Chain heads for every member, exactly as the app's first append creates them (seq 0, GENESIS):
# pgbench's script needs them and the HTTP run then starts from the same state.
psql_db "$DB" -c "INSERT INTO member_chains (member_id, last_seq, last_hash)
  SELECT 'm-00000000-0000-4000-8000-' || lpad(g::text, 12, '0'), 0, repeat('0', 64) FROM generate_series(1, $MEMBERS) g"
mint_tokens "$WORK/members.tsv" "$MEMBERS" member
start_app "$DB" $APP_EXTRA
echo "app: JAVA_OPTS='$JAVA_OPTS' ${APP_EXTRA:-default pool/threads}"

java_cpu_s() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$APP_PID/stat"; }

pgbench_tps() { # sql seconds
    pgbench -n -M prepared -D members="$MEMBERS" -c "$CONNS" -j "$WRK_THREADS" -T "$2" -f "$BENCH_DIR/sql/$1" "$DB" \
        >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; die "pgbench failed"; }
    grep -q 'number of failed transactions: 0 ' "$WORK/pgbench.out" || { grep failed "$WORK/pgbench.out" >&2; }
    sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$WORK/pgbench.out"
}

wrk_run() { # lua seconds expect [RATE] → RESULT line
    local rate=${4:-}
    env TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" EXPECT=$3 CONNS=$CONNS ${rate:+RATE=$rate} \
        wrk -t "$WRK_THREADS" -c "$CONNS" -d "${2}s" --timeout 10s -s "$BENCH_DIR/wrk/$1" "$APP_URL" >"$WORK/wrk.out" 2>&1 \
        || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
    grep '^BAD_SAMPLE' "$WORK/wrk.out" | cut -c1-400 >&2 || true
    grep '^RESULT' "$WORK/wrk.out"
}
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

declare -A SQL=([scam-calls]=ceiling-scam-call.sql [transactions]=ceiling-transaction.sql [reads]=ceiling-reads.sql)
declare -A LUA=([scam-calls]=scam-calls.lua [transactions]=transactions.lua [reads]=reads.lua)
declare -A EXPECT=([scam-calls]=201 [transactions]=201 [reads]=200)

for w in $WORKLOADS; do
    echo
    echo "## $w: pgbench -n -M prepared -D members=$MEMBERS -c $CONNS -j $WRK_THREADS -T $DURATION -f bench/sql/${SQL[$w]}"
    echo "##      vs wrk -t $WRK_THREADS -c $CONNS -d ${DURATION}s -s bench/wrk/${LUA[$w]} (TOKENS = $MEMBERS member tokens)"
    log "$w: warm-up ${WARMUP}s each"
    pgbench_tps "${SQL[$w]}" "$WARMUP" >/dev/null
    wrk_run "${LUA[$w]}" "$WARMUP" "${EXPECT[$w]}" >/dev/null
    : >"$WORK/ratios"; : >"$WORK/tps"; : >"$WORK/rps"; : >"$WORK/p99"; bad_total=0
    for ((r = 1; r <= RUNS; r++)); do
        tps=$(pgbench_tps "${SQL[$w]}" "$DURATION")
        c0=$(java_cpu_s); lsn0=$(psql_db "$DB" -c "SELECT pg_current_wal_lsn()")
        res=$(wrk_run "${LUA[$w]}" "$DURATION" "${EXPECT[$w]}")
        c1=$(java_cpu_s); lsn1=$(psql_db "$DB" -c "SELECT pg_current_wal_lsn()")
        rps=$(field rps "$res"); bad=$(field bad "$res"); serr=$(field socket_errors "$res"); reqs=$(field requests "$res")
        ratio=$(echo "scale=3; $rps / $tps" | bc)
        cpu_ms=$(echo "scale=3; ($c1 - $c0) * 1000 / $reqs" | bc)
        wal=$(psql_db "$DB" -c "SELECT round(pg_wal_lsn_diff('$lsn1', '$lsn0') / $reqs)")
        bad_total=$((bad_total + bad + serr))
        echo "$ratio" >>"$WORK/ratios"; echo "$tps" >>"$WORK/tps"; echo "$rps" >>"$WORK/rps"; field p99_ms "$res" >>"$WORK/p99"
        printf 'run %d: pgbench %.0f tps | HTTP %.0f req/s (p50 %s ms, p99 %s ms, %s not %s, %s socket errors, app CPU %s ms/request, WAL %s bytes/request) | ratio %s\n' \
            "$r" "$tps" "$rps" "$(field p50_ms "$res")" "$(field p99_ms "$res")" "$bad" "${EXPECT[$w]}" "$serr" "$cpu_ms" "$wal" "$ratio"
    done
    m_tps=$(median <"$WORK/tps"); m_rps=$(median <"$WORK/rps"); m_ratio=$(median <"$WORK/ratios")
    half=$(printf '%.0f' "$(echo "$m_rps / 2" | bc -l)")
    log "$w: latency at half the maximum ($half req/s)"
    res=$(wrk_run "${LUA[$w]}" "$DURATION" "${EXPECT[$w]}" "$half")
    printf 'MEDIAN %s: pgbench %.0f tps, HTTP %.0f req/s, ratio %s (target >= 0.75), %d non-%s answers in all runs\n' \
        "$w" "$m_tps" "$m_rps" "$m_ratio" "$bad_total" "${EXPECT[$w]}"
    printf 'HALF %s: RATE=%s CONNS=%s wrk … -s bench/wrk/%s → achieved %s req/s, p50 %s ms, p90 %s ms, p99 %s ms (target p99 <= 50 ms), max %s ms, %s bad\n' \
        "$w" "$half" "$CONNS" "${LUA[$w]}" "$(field rps "$res")" "$(field p50_ms "$res")" "$(field p90_ms "$res")" \
        "$(field p99_ms "$res")" "$(field max_ms "$res")" "$(field bad "$res")"
done
echo
echo "rows at the end: $(psql_db "$DB" -c 'SELECT count(*) FROM security_logs') security_logs, $(psql_db "$DB" -c 'SELECT count(*) FROM pending_approvals') approvals; results in $OUT"
