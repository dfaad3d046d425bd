#!/usr/bin/env bash
# Drill: database outage under load. Runs its OWN throw-away PostgreSQL cluster (initdb on a free
# port) so that stopping it disturbs nobody; starts the packaged app on it; posts scam calls and
# transactions from THREADS threads (bench/tools/loadgen.py, every request and acknowledged id
# recorded) and polls /q/health/ready; stops PostgreSQL (pg_ctl -m fast) for OUTAGE seconds; starts it.
# PASS/FAIL: requests during the outage answered ≤ 2 s with a 503 problem; readiness DOWN; recovery
# ≤ 5 s after the database is back; every acknowledged 201 id in the database; chains intact and
# nothing half-written.
#
#   ./mvnw package -DskipTests && bench/drills/db-outage.sh [--outage 10] [--before 5] [--after 10] [--threads 8]
. "$(dirname "$0")/../lib/common.sh"
OUTAGE=10; BEFORE=5; AFTER=10; THREADS=8; FAIL_FAST=2
while (($#)); do
    case $1 in
        --outage) OUTAGE=$2; shift 2 ;;
        --before) BEFORE=$2; shift 2 ;;
        --after) AFTER=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --fail-fast) FAIL_FAST=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3 bc:bc
need_jar
echo "# bench/drills/db-outage.sh --outage $OUTAGE --before $BEFORE --after $AFTER --threads $THREADS"
start_private_pg
new_db outage
migrate_db "$DB"
mint_tokens "$WORK/members.tsv" 200 member
start_app "$DB"
python3 "$BENCH_DIR/tools/loadgen.py" "$APP_URL" "$WORK/members.tsv" --duration $((BEFORE + OUTAGE + AFTER)) \
    --threads "$THREADS" --mix both --events "$WORK/events.csv" --ready "$WORK/ready.csv" --timeout 30 >"$WORK/load.json" &
LOAD=$!
at_exit "kill $LOAD"
sleep "$BEFORE"
t_stop=$(now)
pg_stop_private fast
t_down=$(now)   # from here on the server is gone: every request must fail fast with a 503
log "PostgreSQL stopped (pg_ctl stop -m fast took $(echo "$t_down - $t_stop" | bc | xargs printf '%.1f') s); outage of ${OUTAGE}s"
sleep "$OUTAGE"
t_restart=$(now)
pg_start_private
t_up=$(now)
log "PostgreSQL back after $(echo "$t_up - $t_down" | bc | xargs printf '%.1f') s"
wait "$LOAD"
echo "INFO load: $(cat "$WORK/load.json")"
rc=0
python3 "$BENCH_DIR/tools/drillcheck.py" outage "$WORK/events.csv" "$WORK/ready.csv" "$t_down" "$t_up" "$FAIL_FAST" "$t_restart" || rc=1
python3 "$BENCH_DIR/tools/drillcheck.py" acked "$DB" "$WORK/events.csv" || rc=1
python3 "$BENCH_DIR/tools/drillcheck.py" consistent "$DB" || rc=1
if ((rc)); then
    echo "INFO app log, errors during the outage (first 5):"
    grep -E 'ERROR|WARN' "$APP_LOG" | cut -c1-300 | head -5 | sed 's/^/   /' || true
fi
exit $rc
