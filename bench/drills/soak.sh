#!/usr/bin/env bash
# Drill: soak. Measures the maximum POST /api/v1/scam-calls throughput (wrk, 32 connections, PROBE s),
# then holds HALF of it for DURATION seconds (wrk with a fixed rate), sampling the app's resident set
# size and its database connections (pg_stat_activity) every 10 s.
# PASS/FAIL: no answer other than 201, no socket error; RSS at the end within 1.25x of the RSS after
# warm-up (flat); connections never above the pool maximum and back to at most the pool size when idle;
# chains intact.
#
#   ./mvnw package -DskipTests && bench/drills/soak.sh [--duration 600] [--rate R (default: half the max measured over --probe 15 s)]
. "$(dirname "$0")/../lib/common.sh"
DURATION=600; PROBE=15; RATE=; CONNS=32
# The pool maximum the app runs with: the environment, else application.properties, else Quarkus 3.33's default (50).
POOL_MAX=${QUARKUS_DATASOURCE_JDBC_MAX_SIZE:-$(sed -n 's/^quarkus\.datasource\.jdbc\.max-size=\([0-9]*\).*/\1/p' "$ROOT/src/main/resources/application.properties" | tail -1)}
POOL_MAX=${POOL_MAX:-50}
while (($#)); do
    case $1 in
        --duration) DURATION=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --pool-max) POOL_MAX=$2; shift 2 ;;
        --probe) PROBE=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk curl:curl bc:bc python3:python3
need_jar
echo "# bench/drills/soak.sh --duration $DURATION ${RATE:+--rate $RATE} --pool-max $POOL_MAX"
machine_info
mint_tokens "$WORK/members.tsv" 1000 member
app_for_drill soak
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }
wrk_scam() { TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" CONNS=$CONNS "$@"; }
conns() { psql -XAtq -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB'"; }
if [[ -z $RATE ]]; then
    res=$(wrk_scam wrk -t 2 -c "$CONNS" -d "${PROBE}s" --timeout 10s -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" | grep '^RESULT')
    RATE=$(printf '%.0f' "$(echo "$(field rps "$res") / 2" | bc -l)")
    echo "INFO maximum $(field rps "$res") req/s over $PROBE s → soak at $RATE req/s"
fi
rss0=$(($(rss_kb "$APP_PID") / 1024))
echo "INFO RSS after warm-up ${rss0} MiB, database connections $(conns)"
: >"$WORK/samples"
(
    while sleep 10; do echo "$(date +%s) $(($(rss_kb "$APP_PID") / 1024)) $(conns)" >>"$WORK/samples"; done
) &
SAMPLER=$!
at_exit "kill $SAMPLER"
res=$(RATE=$RATE wrk_scam wrk -t 2 -c "$CONNS" -d "${DURATION}s" --timeout 10s -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL")
kill "$SAMPLER" 2>/dev/null || true
res=$(grep '^RESULT' <<<"$res")
sleep 2
rss1=$(($(rss_kb "$APP_PID") / 1024)); idle=$(conns)
maxconns=$(awk 'BEGIN{m=0} {if ($3>m) m=$3} END{print m}' "$WORK/samples")
rss_series=$(awk '{printf "%s ", $2}' "$WORK/samples" | cut -c1-400)
echo "INFO RSS samples every 10 s (MiB): $rss_series"
echo "INFO RATE=$RATE CONNS=$CONNS wrk -t2 -c$CONNS -d${DURATION}s -s bench/wrk/scam-calls.lua → $res"
bad=$(field bad "$res"); serr=$(field socket_errors "$res")
check "soak without errors" "$bad + $serr == 0" "$(field requests "$res") requests at $(field rps "$res") req/s for ${DURATION} s, $bad not 201, $serr socket errors, p50 $(field p50_ms "$res") ms, p99 $(field p99_ms "$res") ms"
check "RSS flat" "$rss1 <= 1.25 * $rss0" "RSS ${rss0} MiB after warm-up, ${rss1} MiB at the end"
check "no connection leak" "$maxconns <= $POOL_MAX && $idle <= $POOL_MAX" "at most $maxconns database connections under load, $idle after it (pool maximum $POOL_MAX)"
python3 "$BENCH_DIR/tools/verify_chains.py" "$DB" --quiet | sed 's/^/INFO chains: /' || fail "chains intact after soak"
exit $((RESULT_FAILS > 0))
