#!/bin/sh
# Backup before production migrates. Runs in the PostgreSQL client image, after the `pending` init step
# (the application's image) wrote the migrations `migrate` is about to apply to $AEGIS_PENDING_FILE, and
# before `migrate` itself:
#   nothing pending  -> no backup (a restart or scale-up costs nothing)
#   something pending -> pg_dump --format=custom to $AEGIS_BACKUP_DIR/aegis-before-V<n>-<UTC time>-<pod>.dump,
#                        checked readable with pg_restore --list; any failure fails the pod before `migrate`.
# The connection comes from the application's Secret: QUARKUS_DATASOURCE_JDBC_URL (+ _USERNAME/_PASSWORD) or
# DATABASE_URL; AEGIS_BACKUP_URL (a libpq URL) wins when the JDBC URL carries options libpq does not know.
# Restore: README, "Restoring a backup" (pg_restore --clean --if-exists --no-owner --single-transaction ...).
set -eu
plan=${AEGIS_PENDING_FILE:-/plan/pending}
dir=${AEGIS_BACKUP_DIR:-/backups}

if [ ! -s "$plan" ]; then
    echo "backup: no pending migration, no backup needed"
    exit 0
fi
if [ -n "${AEGIS_BACKUP_URL:-}" ]; then
    url=$AEGIS_BACKUP_URL
elif [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
    url=${QUARKUS_DATASOURCE_JDBC_URL#jdbc:}
    export PGUSER="${QUARKUS_DATASOURCE_USERNAME:-${PGUSER:-}}" PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-${PGPASSWORD:-}}"
elif [ -n "${DATABASE_URL:-}" ]; then
    url=$DATABASE_URL
else
    echo "backup FAILED: no AEGIS_BACKUP_URL, QUARKUS_DATASOURCE_JDBC_URL or DATABASE_URL in the environment" >&2
    exit 1
fi

first=$(head -n 1 "$plan" | cut -d ' ' -f 1)
file="$dir/aegis-before-$first-$(date -u +%Y%m%dT%H%M%SZ)-${HOSTNAME:-local}.dump"
echo "backup: pending: $(tr '\n' ';' <"$plan")"
start=$(date +%s)
pg_dump --format=custom --no-owner --no-privileges --file="$file.partial" --dbname="$url"
pg_restore --list "$file.partial" >/dev/null
mv "$file.partial" "$file"
echo "backup: wrote $file ($(wc -c <"$file") bytes, $(( $(date +%s) - start )) s); restore it with pg_restore (README: Restoring a backup)"
