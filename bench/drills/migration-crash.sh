#!/usr/bin/env bash
# Drill: crash during migration. Generates BILLS legacy bills (pending_bills, 10 per member, every old
# status) on a database at V3, runs `java -jar quarkus-run.jar migrate` (the V4 legacy bill migration),
# kill -9s it in the middle (after the migration's progress log reaches KILL_AT percent, or after
# KILL_AFTER seconds), then runs `migrate` again.
# PASS/FAIL: the rerun exits 0; exactly BILLS BILL approvals and BILL_MIGRATED entries, every bill
# linked to its approval, paid/cancelled bills not PENDING; every chain recomputed and intact
# (bench/tools/verify_chains.py); a third `migrate` changes nothing. The rerun's wall time and peak RSS
# (/usr/bin/time -v) are printed.
#
#   ./mvnw package -DskipTests && bench/drills/migration-crash.sh [--bills 1000000] [--kill-at 40] [--kill-after 120]
. "$(dirname "$0")/../lib/common.sh"
BILLS=1000000; KILL_AT=40; KILL_AFTER=120
while (($#)); do
    case $1 in
        --bills) BILLS=$2; shift 2 ;;
        --kill-at) KILL_AT=$2; shift 2 ;;
        --kill-after) KILL_AFTER=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools python3:python3 bc:bc /usr/bin/time:time
need_jar
echo "# bench/drills/migration-crash.sh --bills $BILLS --kill-at $KILL_AT --kill-after $KILL_AFTER"
new_db migcrash
jar() { (cd "$ROOT" && env $(app_env "$DB") java $JAVA_OPTS -jar "$JAR" "$@"); }
jar migrate --target 3 >"$WORK/m3.log" 2>&1 || { tail -5 "$WORK/m3.log"; die "migrate --target 3 failed"; }
MEMBERS=$(( BILLS / 10 > 0 ? BILLS / 10 : 1 ))
psql_db "$DB" -c "INSERT INTO pending_bills (member_id, payee, amount, currency, due_date, status, description, created_at)
SELECT 'legacy-' || lpad((g % $MEMBERS)::text, 8, '0'), 'Payee ' || (g % 997), ((g::bigint * 7919) % 500000) / 100.0 + 0.01,
       (ARRAY['EUR','USD','GBP','CHF'])[1 + g % 4], CASE WHEN g % 13 = 0 THEN NULL ELSE DATE '2019-01-01' + (g % 2500) END,
       (ARRAY['pending','paid','cancelled','overdue','paid','pending','on-hold'])[1 + g % 7],
       CASE WHEN g % 3 = 0 THEN NULL ELSE 'Bill ' || g END, TIMESTAMPTZ '2019-01-01 00:00:00+00' + (g || ' minutes')::interval
FROM generate_series(1, $BILLS) g; ANALYZE pending_bills;"
log "$BILLS legacy bills for $MEMBERS members generated"

# 1. migrate, killed with SIGKILL in the middle
(cd "$ROOT" && exec env $(app_env "$DB") java $JAVA_OPTS -jar "$JAR" migrate >"$WORK/m4-killed.log" 2>&1) &
MIG=$!
at_exit "kill -9 $MIG"
t0=$(now); killed_at=""
while kill -0 "$MIG" 2>/dev/null; do
    pctdone=$(grep -oE 'migrated \(([0-9]+)%\)' "$WORK/m4-killed.log" | tail -1 | grep -oE '[0-9]+' || true)
    if [[ -n $pctdone && $pctdone -ge $KILL_AT && $pctdone -lt 100 ]] || (( $(echo "$(now) - $t0 > $KILL_AFTER" | bc) )); then
        kill -9 "$MIG"; killed_at="${pctdone:-?}% after $(printf '%.1f' "$(echo "$(now) - $t0" | bc)") s"; break
    fi
    sleep 0.2
done
wait "$MIG" 2>/dev/null || true
if [[ -z $killed_at ]]; then
    fail "kill mid-migration: migrate finished before it could be killed (use more --bills or a lower --kill-at)"
    exit 1
fi
log "migrate killed (kill -9) at $killed_at"
state=$(psql_db "$DB" -c "SELECT (SELECT count(*) FROM pending_approvals) || ' approvals, ' ||
    (SELECT count(*) FROM security_logs) || ' entries, schema history: ' ||
    coalesce((SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) FROM flyway_schema_history), '-')")
echo "INFO after kill -9 at $killed_at: $state"

# 2. rerun
if /usr/bin/time -v -o "$WORK/rerun.time" bash -c "cd '$ROOT' && env $(app_env "$DB" | tr '\n' ' ') java $JAVA_OPTS -jar '$JAR' migrate" >"$WORK/m4-rerun.log" 2>&1; then
    wall=$(awk '/Elapsed \(wall clock\)/{print $NF}' "$WORK/rerun.time"); rss=$(awk '/Maximum resident set size/{print $NF}' "$WORK/rerun.time")
    pass "rerun completes: migrate exited 0 in $wall (wall), peak RSS $((rss / 1024)) MiB, after the kill at $killed_at"
else
    tail -5 "$WORK/m4-rerun.log"; fail "rerun completes: migrate exited non-zero"
fi
counts() {
    psql_db "$DB" -c "SELECT (SELECT count(*) FROM pending_bills) || ' ' ||
        (SELECT count(*) FROM pending_approvals WHERE kind = 'BILL') || ' ' ||
        (SELECT count(*) FROM security_logs WHERE type = 'BILL_MIGRATED') || ' ' ||
        (SELECT count(*) FROM pending_bills WHERE approval_id IS NULL) || ' ' ||
        (SELECT count(*) FROM pending_bills b JOIN pending_approvals a ON a.id = b.approval_id
          WHERE b.status IN ('paid', 'cancelled') AND a.status = 'PENDING') || ' ' ||
        (SELECT count(DISTINCT approval_id) FROM pending_bills)"
}
read -r bills approvals entries unlinked paid_pending distinct_links <<<"$(counts)"
check "counts exact after the crash and rerun" "$bills == $BILLS && $approvals == $BILLS && $entries == $BILLS && $unlinked == 0 && $distinct_links == $BILLS" \
    "$bills bills, $approvals BILL approvals, $entries BILL_MIGRATED entries, $unlinked unlinked, $distinct_links distinct links"
check "paid or cancelled bills not PENDING" "$paid_pending == 0" "$paid_pending"
t0=$(now)
if out=$(python3 "$BENCH_DIR/tools/verify_chains.py" "$DB" --quiet); then
    pass "chains exact: $out (recomputed independently in $(printf '%.0f' "$(echo "$(now) - $t0" | bc)") s)"
else
    fail "chains exact: $out"
fi
jar migrate >"$WORK/m4-again.log" 2>&1 || fail "third migrate exits 0"
after=$(counts)
check "a third migrate changes nothing" "\"$after\" == \"$bills $approvals $entries $unlinked $paid_pending $distinct_links\"" "counts before/after: $bills $approvals $entries $unlinked $paid_pending $distinct_links / $after"
exit $((RESULT_FAILS > 0))
