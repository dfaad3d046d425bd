#!/usr/bin/env bash
# Lints the PostgreSQL migrations with squawk (npm squawk-cli, pinned below) for what breaks a rolling
# update: locks that stall the serving pods, and changes the previous release cannot live with.
#
#   .ci/lint-migrations.sh                 every V<n> script after V4 in db/migration/{common,postgresql}
#   .ci/lint-migrations.sh FILE.sql ...    just these files (e.g. a draft from ./mvnw test -Prevision)
#
# Why only after V4: V1-V4 are applied in production and must never be edited (Flyway's checksum), so a
# finding there could not be fixed; they predate the rule. Only PostgreSQL SQL is linted: db/migration/h2
# is the development database's dialect.
#
# A finding fails (exit 1) unless the statement carries squawk's inline ignore WITH a reason:
#   -- squawk-ignore require-concurrent-index-creation -- event_outbox is created empty just above
# An ignore without " -- <reason>" fails too.
#
# lock_timeout: the `migrate` command sets it on its connection before every migration (AegisMain,
# MIGRATION_SESSION), because a common/ script shared with H2 cannot carry PostgreSQL's SET. The lint puts
# that same statement in front of each script, so squawk checks exactly what PostgreSQL runs; remove it
# from AegisMain and every migration fails require-lock-timeout here.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SQUAWK_VERSION=2.66.0
SQUAWK_HOME=${SQUAWK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/aegis/squawk-$SQUAWK_VERSION}
LAST_APPLIED=4   # V1..V4: applied in production, never edited, not linted
# Rules left out, and why (everything else squawk checks by default stays on):
#   prefer-robust-stmts        each migration runs in one transaction: a failure leaves nothing to re-run around,
#                              and IF [NOT] EXISTS would hide a schema that drifted (`drift` reports it instead)
#   require-statement-timeout  a backfill may rightly run long; lock_timeout is what protects the serving pods
#   prefer-text-field          the schema bounds every string with varchar(n) on purpose (API limits)
#   prefer-bigint-over-int     counts and scores are small by definition (risk 0-100, HTTP status)
EXCLUDED=prefer-robust-stmts,require-statement-timeout,prefer-text-field,prefer-bigint-over-int

if [[ ! -x $SQUAWK_HOME/node_modules/.bin/squawk ]]; then
    command -v npm >/dev/null || { echo "lint-migrations: npm is needed to install squawk-cli@$SQUAWK_VERSION" >&2; exit 2; }
    echo "lint-migrations: installing squawk-cli@$SQUAWK_VERSION into $SQUAWK_HOME" >&2
    mkdir -p "$SQUAWK_HOME"
    npm install --silent --no-save --no-audit --no-fund --prefix "$SQUAWK_HOME" "squawk-cli@$SQUAWK_VERSION" >&2
fi
SQUAWK=$SQUAWK_HOME/node_modules/.bin/squawk

session=$(grep -o 'MIGRATION_SESSION = "[^"]*"' "$ROOT/src/main/java/com/aegis/vault/command/AegisMain.java" | cut -d'"' -f2 || true)
[[ -n $session ]] || { echo "lint-migrations: AegisMain no longer sets MIGRATION_SESSION (lock_timeout) for migrate" >&2; exit 1; }

files=()
if (($#)); then
    files=("$@")
else
    for f in "$ROOT"/src/main/resources/db/migration/{common,postgresql}/V*.sql; do
        [[ -e $f ]] || continue
        v=$(basename "$f" | sed -E 's/^V([0-9]+).*/\1/')
        ((10#$v > LAST_APPLIED)) && files+=("$f")
    done
fi
if ((${#files[@]} == 0)); then
    echo "lint-migrations: no PostgreSQL migration after V$LAST_APPLIED to lint"
    exit 0
fi

failed=0
for f in "${files[@]}"; do
    rel=${f#"$ROOT"/}
    # An ignore must say why: "-- squawk-ignore <rule>[, <rule>] -- <reason>".
    while IFS= read -r hit; do
        echo "$rel:${hit%%:*}: squawk-ignore without a reason: add ' -- <why this is safe for a rolling update>'"
        failed=1
    done < <(grep -nE -- '--[[:space:]]*squawk-ignore' "$f" | grep -vE -- 'squawk-ignore[[:space:]]+[a-z0-9, -]*[a-z0-9][[:space:]]+--[[:space:]]+[^[:space:]]' || true)
    # The migrate command's session statement, on line 1 in front of the script, so line numbers stay true.
    if ! { printf '%s; ' "$session"; cat "$f"; } | "$SQUAWK" --reporter gcc --pg-version 15 --assume-in-transaction \
            --exclude "$EXCLUDED" --stdin-filepath "$rel"; then
        failed=1
    fi
done
if ((failed)); then
    echo "lint-migrations: FAILED — fix the statement (expand/contract: README, Migrations) or add" \
         "'-- squawk-ignore <rule> -- <reason>' above it" >&2
    exit 1
fi
echo "lint-migrations: ${#files[@]} migration(s) clean (squawk $SQUAWK_VERSION)"
