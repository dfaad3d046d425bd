#!/usr/bin/env bash
# Drill: SIGTERM under load. THREADS threads post scam calls and transactions (every request and
# acknowledged id recorded); after BEFORE seconds the app gets SIGTERM.
# PASS/FAIL: every request sent before SIGTERM gets its answer (none cut off), the process exits
# within GRACE seconds (the Kubernetes terminationGracePeriodSeconds, deploy/base: 40), every
# acknowledged 201 is in the database, chains intact, nothing half-written.
#
#   ./mvnw package -DskipTests && bench/drills/graceful-shutdown.sh [--threads 16] [--before 5] [--grace 40]
. "$(dirname "$0")/../lib/common.sh"
THREADS=16; BEFORE=5; GRACE=40
while (($#)); do
    case $1 in
        --threads) THREADS=$2; shift 2 ;;
        --before) BEFORE=$2; shift 2 ;;
        --grace) GRACE=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3 bc:bc
need_jar
echo "# bench/drills/graceful-shutdown.sh --threads $THREADS --before $BEFORE --grace $GRACE"
new_db shutdown
migrate_db "$DB"
mint_tokens "$WORK/members.tsv" 200 member
start_app "$DB"
python3 "$BENCH_DIR/tools/loadgen.py" "$APP_URL" "$WORK/members.tsv" --duration $((BEFORE + GRACE + 5)) \
    --threads "$THREADS" --mix both --events "$WORK/events.csv" --stop-file "$WORK/stop" --timeout 60 >"$WORK/load.json" &
LOAD=$!
at_exit "kill $LOAD"
sleep "$BEFORE"
t_term=$(now)
kill -TERM "$APP_PID"
exit_code=
for ((i = 0; i < GRACE * 10 + 50; i++)); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then wait "$APP_PID" 2>/dev/null && exit_code=0 || exit_code=$?; break; fi
    sleep 0.1
done
t_exit=$(now)
took=$(echo "$t_exit - $t_term" | bc)
sleep 1
touch "$WORK/stop"
wait "$LOAD" || true
rc=0
if [[ -n $exit_code ]]; then
    check "exits within the grace period" "$took <= $GRACE" "exited $(printf '%.1f' "$took") s after SIGTERM with status $exit_code (grace ${GRACE} s)" || true
else
    fail "exits within the grace period: still running $(printf '%.1f' "$took") s after SIGTERM"; kill -9 "$APP_PID"
fi
((RESULT_FAILS)) && rc=1
APP_PID=
echo "INFO load: $(cat "$WORK/load.json")"
python3 "$BENCH_DIR/tools/drillcheck.py" shutdown "$WORK/events.csv" "$t_term" || rc=1
python3 "$BENCH_DIR/tools/drillcheck.py" acked "$DB" "$WORK/events.csv" || rc=1
python3 "$BENCH_DIR/tools/drillcheck.py" consistent "$DB" || rc=1
grep -iE 'shutdown|stopped|ERROR' "$APP_LOG" | cut -c1-300 | tail -4 | sed 's/^/INFO app log: /' || true
exit $rc
