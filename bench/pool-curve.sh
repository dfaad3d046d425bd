#!/usr/bin/env bash
# Pool and JVM settings from measurements: POST /api/v1/scam-calls throughput (wrk, 32 connections,
# 1,000 members) for each
#   * connection-pool size   (QUARKUS_DATASOURCE_JDBC_MAX_SIZE = --sizes),
#   * worker-thread maximum  (QUARKUS_THREAD_POOL_MAX_THREADS = --threads, at the default pool size),
#   * heap maximum           (JAVA_OPTS=-Xmx… = --heaps, with the resident set size after the run).
# Each point: a fresh app start, 10 s warm-up, then --runs runs of --duration s; the median is printed.
#
#   ./mvnw package -DskipTests && bench/pool-curve.sh [--sizes "4 8 16 32"] [--threads "8 16 64 default"]
#                                                     [--heaps "96m 192m 512m default"] [--runs 2] [--duration 20]
. "$(dirname "$0")/lib/common.sh"
SIZES="4 8 16 32"; THREADS="8 16 64 default"; HEAPS="96m 192m 512m default"; RUNS=2; DURATION=20; CONNS=32; MEMBERS=1000
while (($#)); do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --heaps) HEAPS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk bc:bc curl:curl
need_jar
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/pool-curve-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1
echo "# bench/pool-curve.sh --sizes \"$SIZES\" --threads \"$THREADS\" --heaps \"$HEAPS\" --runs $RUNS --duration $DURATION --conns $CONNS"
machine_info
new_db pool
migrate_db "$DB"
psql_db "$DB" -c "INSERT INTO member_chains (member_id, last_seq, last_hash)
  SELECT 'm-00000000-0000-4000-8000-' || lpad(g::text, 12, '0'), 0, repeat('0', 64) FROM generate_series(1, $MEMBERS) g"
mint_tokens "$WORK/members.tsv" "$MEMBERS" member
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

point() { # label, then app env assignments
    local label=$1; shift
    start_app "$DB" "$@"
    TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" wrk -t 2 -c "$CONNS" -d 10s --timeout 10s \
        -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" >/dev/null
    : >"$WORK/rps"; : >"$WORK/p99"; local bad=0 r res
    for ((r = 1; r <= RUNS; r++)); do
        res=$(TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" wrk -t 2 -c "$CONNS" -d "${DURATION}s" --timeout 10s \
            -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" | grep '^RESULT')
        field rps "$res" >>"$WORK/rps"; field p99_ms "$res" >>"$WORK/p99"
        bad=$((bad + $(field bad "$res") + $(field socket_errors "$res")))
    done
    local rss; rss=$(($(rss_kb "$APP_PID") / 1024))
    stop_app
    printf 'POINT %-28s %8.0f req/s (median of %d)  p99 %6.1f ms  RSS %4d MiB  %d bad\n' "$label" "$(median <"$WORK/rps")" \
        "$RUNS" "$(median <"$WORK/p99")" "$rss" "$bad"
}

echo "## pool size (wrk -t2 -c$CONNS -d${DURATION}s -s bench/wrk/scam-calls.lua; QUARKUS_DATASOURCE_JDBC_MAX_SIZE=N)"
for n in $SIZES; do point "max-size=$n" QUARKUS_DATASOURCE_JDBC_MAX_SIZE="$n"; done
echo "## worker threads (QUARKUS_THREAD_POOL_MAX_THREADS=N, default pool size)"
for n in $THREADS; do
    if [[ $n == default ]]; then point "max-threads=default"; else point "max-threads=$n" QUARKUS_THREAD_POOL_MAX_THREADS="$n"; fi
done
echo "## server-side prepared statements off (what PgBouncer's transaction pooling needs without its own prepared-statement support)"
point "prepareThreshold=0" QUARKUS_DATASOURCE_JDBC_URL="$(jdbc_url "$DB")?prepareThreshold=0"
echo "## heap (JAVA_OPTS=-XmxN; RSS = resident set after the runs)"
base_opts=$JAVA_OPTS
for h in $HEAPS; do
    if [[ $h == default ]]; then JAVA_OPTS=$base_opts; else JAVA_OPTS="$base_opts -Xmx$h"; fi
    point "heap=$h" ; JAVA_OPTS=$base_opts
done
echo "results in $OUT"
