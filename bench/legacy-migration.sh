#!/usr/bin/env bash
# Measures the V4 legacy bill migration on N generated legacy bills (default 1,000,000) on PostgreSQL,
# and `migrate` on an empty database, with the packaged jar: wall time and peak RSS (/usr/bin/time -v).
#
#   ./mvnw package -DskipTests && bench/legacy-migration.sh [rows]
#
# Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD; JAVA_OPTS (e.g. -Xmx256m to show
# the migration streams: it does not need more heap for more rows); KEEP_DB=1 keeps the databases.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${1:-1000000}"
MEMBERS=$(( ROWS / 10 > 0 ? ROWS / 10 : 1 ))
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
STAMP=$(date +%s)
EMPTY_DB="bench_empty_$STAMP"
LEGACY_DB="bench_legacy_$STAMP"
OUT="target/bench-$STAMP"
mkdir -p "$OUT"

cleanup() {
  if [ "${KEEP_DB:-0}" != 1 ]; then
    psql -qd postgres -c "DROP DATABASE IF EXISTS $EMPTY_DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $LEGACY_DB WITH (FORCE)" >/dev/null
  fi
}
trap cleanup EXIT

run() { # run <db> <label> <command...>: the jar under /usr/bin/time -v, report in $OUT/<label>.time
  local db="$1" label="$2"; shift 2
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    /usr/bin/time -v -o "$OUT/$label.time" java ${JAVA_OPTS:-} -jar "$JAR" "$@" > "$OUT/$label.log" 2>&1
}
report() { # report <label>
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$OUT/$1.time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$OUT/$1.time" | awk '{print $NF}')
  printf '%-34s wall %-10s peak RSS %6d MiB\n' "$1" "$wall" $(( rss / 1024 ))
}

echo "== migrate on an empty database"
psql -qd postgres -c "CREATE DATABASE $EMPTY_DB"
run "$EMPTY_DB" migrate-empty migrate
report migrate-empty

echo "== legacy bill migration (V4) on $ROWS generated bills, $MEMBERS members"
psql -qd postgres -c "CREATE DATABASE $LEGACY_DB"
run "$LEGACY_DB" migrate-to-v3 migrate --target 3
start=$(date +%s)
psql -qd "$LEGACY_DB" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO pending_bills (member_id, payee, amount, currency, due_date, status, description, created_at)
SELECT 'legacy-member-' || (g % $MEMBERS),
       'Payee ' || (g % 997),
       round((random() * 5000)::numeric, 2) + 0.01,
       (ARRAY['EUR','USD','GBP','CHF','JPY','SEK'])[1 + g % 6],
       CASE WHEN g % 13 = 0 THEN NULL ELSE DATE '2019-01-01' + (g % 2500) END,
       (ARRAY['pending','paid','cancelled','overdue','paid','pending','on-hold'])[1 + g % 7],
       CASE WHEN g % 3 = 0 THEN NULL ELSE 'Bill ' || g END,
       TIMESTAMPTZ '2019-01-01 00:00:00+00' + (g || ' minutes')::interval
FROM generate_series(1, $ROWS) AS g;
ANALYZE pending_bills;
SQL
echo "   generated in $(( $(date +%s) - start )) s"
run "$LEGACY_DB" legacy-bill-migration migrate
report legacy-bill-migration
grep -E 'Legacy bills:' "$OUT/legacy-bill-migration.log" | sed 's/^.*Legacy bills:/   progress:/' | tail -4

echo "== checks"
psql -qtAd "$LEGACY_DB" <<'SQL'
SELECT 'bills                 ' || count(*) FROM pending_bills;
SELECT 'bills not linked      ' || count(*) FROM pending_bills WHERE approval_id IS NULL;
SELECT 'BILL approvals        ' || count(*) FROM pending_approvals WHERE kind = 'BILL';
SELECT 'BILL_MIGRATED entries ' || count(*) FROM security_logs WHERE type = 'BILL_MIGRATED';
SELECT 'paid/cancelled PENDING ' || count(*) FROM pending_bills b JOIN pending_approvals a ON a.id = b.approval_id
       WHERE b.status IN ('paid', 'cancelled') AND a.status = 'PENDING';
SELECT 'chains with a gap     ' || count(*) FROM member_chains c
       WHERE c.last_seq <> (SELECT count(*) FROM security_logs s WHERE s.member_id = c.member_id);
SQL
run "$LEGACY_DB" migrate-again migrate
report migrate-again
echo "logs and /usr/bin/time reports: $OUT"
