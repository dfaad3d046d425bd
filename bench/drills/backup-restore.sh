#!/usr/bin/env bash
# Drill: the backup the deployment takes before a migration, restored — README "Restoring a backup", proven.
# 1. a populated database: MEMBERS members' valid hash chains, ENTRIES audit entries in all (bench/tools/gen_chain.py,
#    hashed as the service hashes), then LOAD seconds of API traffic on top (scam calls, transactions, so held
#    transactions and their approvals, appended to the same chains by the service itself);
# 2. the backup: deploy/base/backup/pg-backup.sh, the script of the backup init-container, with a pending
#    migration in its plan file (timed);
# 3. the restore into a fresh, empty database: pg_restore --clean --if-exists --no-owner --exit-on-error
#    --single-transaction (timed), the README's command;
# 4. PASS/FAIL: row counts equal table by table, `validate` and `drift` exit 0 on the restored database, every
#    chain verifies (bench/tools/verify_chains.py, independently of the Java code) and the service itself answers
#    valid=true on the restored database for sample members.
#
#   ./mvnw package -DskipTests && bench/drills/backup-restore.sh [--entries 1000000] [--members 1000] [--load 10]
. "$(dirname "$0")/../lib/common.sh"
ENTRIES=1000000; MEMBERS=1000; LOAD=10
while (($#)); do
    case $1 in
        --entries) ENTRIES=$2; shift 2 ;;
        --members) MEMBERS=$2; shift 2 ;;
        --load) LOAD=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3 bc:bc pg_dump:postgresql-client pg_restore:postgresql-client
need_jar
echo "# bench/drills/backup-restore.sh --entries $ENTRIES --members $MEMBERS --load $LOAD"
machine_info | sed 's/^/INFO /'
PER=$((ENTRIES / MEMBERS))

new_db backup_src; SRC=$DB
migrate_db "$SRC"
t0=$(now)
python3 "$BENCH_DIR/tools/gen_chain.py" "$SRC" 'm-00000000-0000-4000-8000-%012d' "$PER" --members "$MEMBERS" >&2
log "generated $((PER * MEMBERS)) entries for $MEMBERS members in $(echo "$(now) - $t0" | bc | xargs printf '%.1f') s"

mint_tokens "$WORK/members.tsv" "$MEMBERS" member 'm-00000000-0000-4000-8000-%012d'
start_app "$SRC"
python3 "$BENCH_DIR/tools/loadgen.py" "$APP_URL" "$WORK/members.tsv" --duration "$LOAD" --threads 8 --mix both \
    --events "$WORK/load-events.csv" >"$WORK/load.json"
# Bill approvals for a few members, whatever the load produced (held transactions add more).
for n in 1 2 3 4 5; do
    line=$(sed -n "${n}p" "$WORK/members.tsv")
    curl -fsS -o /dev/null -H "Authorization: Bearer ${line#*$'\t'}" -H 'Content-Type: application/json' \
        -d '{"kind":"BILL","payee":"Gas","amount":"82.50","currency":"EUR","dueDate":"2027-01-31","description":"drill"}' \
        "$APP_URL/api/v1/approvals" || fail "could not create a bill approval"
done
stop_app
approvals=$(psql_db "$SRC" -c "SELECT count(*) FROM pending_approvals")
entries=$(psql_db "$SRC" -c "SELECT count(*) FROM security_logs")
src_size=$(psql_db "$SRC" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
echo "INFO source: $entries audit entries, $approvals approvals, $MEMBERS+ members, database $src_size; load: $(cat "$WORK/load.json")"

# ---- 2. backup: the deployed script, as the backup init-container runs it ----
mkdir -p "$WORK/backups"
echo "V5 a pending migration (drill)" >"$WORK/pending"
t0=$(now)
env AEGIS_PENDING_FILE="$WORK/pending" AEGIS_BACKUP_DIR="$WORK/backups" $(app_env "$SRC" | grep DATASOURCE) HOSTNAME=drill \
    sh "$ROOT/deploy/base/backup/pg-backup.sh" | sed 's/^/INFO /'
backup_s=$(echo "$(now) - $t0" | bc)
dump=$(ls "$WORK"/backups/aegis-before-V5-*.dump)
dump_mb=$(echo "scale=1; $(stat -c %s "$dump") / 1048576" | bc)

# ---- 3. restore into a fresh database (README: Restoring a backup) ----
new_db backup_restored; DST=$DB
t0=$(now)
pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --dbname="postgresql://$PGUSER@$PGHOST:$PGPORT/$DST" "$dump" \
    2>"$WORK/restore.err" || { cat "$WORK/restore.err" >&2; fail "restore: pg_restore failed"; }
restore_s=$(echo "$(now) - $t0" | bc)

# ---- 4. checks ----
diffs=0
for t in flyway_schema_history pending_bills member_chains security_logs pending_approvals advocate_links idempotency_keys; do
    a=$(psql_db "$SRC" -c "SELECT count(*) FROM $t"); b=$(psql_db "$DST" -c "SELECT count(*) FROM $t")
    [[ $a == "$b" ]] || { echo "  $t: $a rows in the source, $b restored"; diffs=$((diffs + 1)); }
done
check "row counts" "$diffs == 0" "$diffs table(s) differ ($entries audit entries, $approvals approvals)"
for cmd in validate drift; do
    if out=$(cd "$ROOT" && env $(app_env "$DST") java $JAVA_OPTS -jar "$JAR" $cmd 2>&1); then
        pass "$cmd on the restored database: $(echo "$out" | tail -1)"
    else
        fail "$cmd on the restored database: $(echo "$out" | tail -3 | tr '\n' ' ')"
    fi
done
python3 "$BENCH_DIR/tools/drillcheck.py" consistent "$DST"
start_app "$DST"
bad=0
for n in 1 $((MEMBERS / 2)) "$MEMBERS"; do
    line=$(sed -n "${n}p" "$WORK/members.tsv"); sub=${line%%$'\t'*}; token=${line#*$'\t'}
    body=$(curl -fsS -H "Authorization: Bearer $token" "$APP_URL/api/v1/security-logs/verify?memberId=$sub" || echo '{}')
    echo "  verify $sub: $body"
    [[ $body == *'"valid":true'* ]] || bad=$((bad + 1))
done
check "the service verifies restored chains" "$bad == 0" "$bad of 3 sample members invalid"
stop_app
echo "FIGURES backup (pg_dump -Fc via deploy/base/backup/pg-backup.sh) of $entries audit entries ($src_size): $(printf '%.1f' "$backup_s") s, dump $dump_mb MiB"
echo "FIGURES restore (pg_restore --single-transaction into a fresh database): $(printf '%.1f' "$restore_s") s"
((RESULT_FAILS == 0)) && echo "PASS backup-restore" || { echo "FAIL backup-restore: $RESULT_FAILS check(s) failed"; exit 1; }
