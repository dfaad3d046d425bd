#!/usr/bin/env bash
# Drill: a rolling update across a schema change, with zero errors (README: the expand/contract rule).
#  1. the previous release: built from the parent of the first commit that added a migration after V4 (found
#     with git), in a git worktree under /tmp (kept there as a cache, keyed by commit);
#     the new release: this tree's jar (target/), or --new-ref REF built likewise. If the new release has no
#     migration after V4 (main before the events outbox landed), it is this commit plus a scratch additive
#     migration, in a scratch worktree, never committed — so the drill always crosses a schema change;
#  2. a database migrated by the OLD release; PODS old pods serve it; load: THREADS threads of writes (scam calls,
#     transactions) and READS % reads, spread over the live endpoint list (a Service's endpoints);
#  3. the NEW release's `migrate` runs while the old pods serve (the Job / first init-container);
#  4. the pods are replaced one by one as a Deployment with maxSurge 1, maxUnavailable 0 does it: a new pod
#     starts, becomes ready, joins the endpoints; an old pod leaves the endpoints, then gets SIGTERM;
#  5. PASS/FAIL: zero non-2xx (network errors included), every acknowledged write in the database, every
#     chain valid, the old pods ready and answering after the migration; figures: requests, errors.
#
#   ./mvnw package -DskipTests && bench/drills/rolling-update.sh [--quick] [--new-ref events] [--pods 2]
. "$(dirname "$0")/../lib/common.sh"
PODS=2; THREADS=8; READS=30; WARM=15; SETTLE=10; AFTER=15; NEW_REF=
while (($#)); do
    case $1 in
        --quick) WARM=4; SETTLE=3; AFTER=4; THREADS=6; shift ;;
        --pods) PODS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --new-ref) NEW_REF=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3 bc:bc git:git
echo "# bench/drills/rolling-update.sh --pods $PODS --threads $THREADS (reads $READS %) warm $WARM s, settle $SETTLE s, after $AFTER s${NEW_REF:+, new release $NEW_REF}"

MIGRATIONS=(':(glob)src/main/resources/db/migration/**/V*.sql' ':(glob)src/main/java/db/migration/**/V*.java')
# first_commit_after_v4 REF — the oldest commit in REF's history that added a V5+ migration (empty if none).
first_commit_after_v4() {
    git -C "$ROOT" log --reverse --diff-filter=A --format='%H' --name-only "$1" -- "${MIGRATIONS[@]}" \
        | awk '/^[0-9a-f]+$/ && length($0) == 40 {c=$0; next} /\/V[0-9]+__/{v=$0; sub(/.*\/V/, "", v); sub(/__.*/, "", v); if (v+0 > 4) {print c; exit}}'
}
# build_release DIR — ./mvnw package in a worktree, once (the jar is the cache).
build_release() {
    local dir=$1
    if [[ -f $dir/target/quarkus-app/quarkus-run.jar ]]; then log "reusing $dir/target (already built)"; return; fi
    log "building $dir (./mvnw package -DskipTests)"
    (cd "$dir" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=false >"$WORK/build-$(basename "$dir").log" 2>&1) \
        || { tail -30 "$WORK/build-$(basename "$dir").log" >&2; die "build of $dir failed"; }
}
worktree() { # dir ref
    [[ -d $1 ]] || git -C "$ROOT" worktree add --detach "$1" "$2" >/dev/null 2>&1 || die "git worktree add $1 $2 failed"
}

t_build=$(now)
if [[ -n $NEW_REF ]]; then
    NEW_SHA=$(git -C "$ROOT" rev-parse "$NEW_REF")
    NEW_DIR=/tmp/aegis-release-$NEW_SHA; worktree "$NEW_DIR" "$NEW_SHA"; build_release "$NEW_DIR"
    NEW_JAR=$NEW_DIR/target/quarkus-app/quarkus-run.jar; HEAD_REF=$NEW_SHA
else
    need_jar; NEW_JAR=$JAR; HEAD_REF=HEAD
fi
FIRST=$(first_commit_after_v4 "$HEAD_REF")
if [[ -n $FIRST ]]; then
    OLD_SHA=$(git -C "$ROOT" rev-parse "$FIRST^")
    echo "INFO previous release: $(git -C "$ROOT" log -1 --format='%h %s' "$OLD_SHA") (parent of $(git -C "$ROOT" log -1 --format='%h' "$FIRST"), the first commit adding a migration after V4)"
    OLD_DIR=/tmp/aegis-release-$OLD_SHA; worktree "$OLD_DIR" "$OLD_SHA"; build_release "$OLD_DIR"
    OLD_JAR=$OLD_DIR/target/quarkus-app/quarkus-run.jar
    echo "INFO new release: ${NEW_REF:-this tree} ($(git -C "$ROOT" log -1 --format='%h' "$HEAD_REF")), its migrations after V4: $(git -C "$ROOT" ls-tree -r --name-only "$HEAD_REF" -- src/main/resources/db/migration src/main/java/db/migration | grep -oE 'V([5-9]|[1-9][0-9]+)__[^/]*' | sort -u | tr '\n' ' ')"
else
    # No migration after V4 yet: the old release is this commit, the new one this commit + a scratch additive migration.
    OLD_SHA=$(git -C "$ROOT" rev-parse "$HEAD_REF"); OLD_JAR=$NEW_JAR
    next=$(( $(git -C "$ROOT" ls-tree -r --name-only "$OLD_SHA" -- src/main/resources/db/migration src/main/java/db/migration \
        | grep -oE '/V[0-9]+__' | tr -dc '0-9\n' | sort -n | tail -1) + 1 ))
    NEW_DIR=/tmp/aegis-release-$OLD_SHA-scratch-V$next; worktree "$NEW_DIR" "$OLD_SHA"
    cat >"$NEW_DIR/src/main/resources/db/migration/common/V${next}__rolling_update_drill_scratch.sql" <<SQL
-- Scratch migration of bench/drills/rolling-update.sh (never committed): an additive change, as the expand step
-- of expand/contract would make it — a nullable column, a new table and an index on it.
ALTER TABLE advocate_links ADD COLUMN drill_note VARCHAR(100);
CREATE TABLE drill_scratch (id BIGINT PRIMARY KEY, note VARCHAR(100));
CREATE INDEX ix_drill_scratch_note ON drill_scratch (note);
SQL
    printf 'DROP TABLE drill_scratch;\nALTER TABLE advocate_links DROP COLUMN drill_note;\n' \
        >"$NEW_DIR/src/main/resources/db/migration/common/U${next}__rolling_update_drill_scratch.sql"
    echo "INFO no migration after V4 in $HEAD_REF: previous release = $(git -C "$ROOT" log -1 --format='%h' "$OLD_SHA"), new release = the same + scratch V$next (additive, in $NEW_DIR, never committed)"
    build_release "$NEW_DIR"; NEW_JAR=$NEW_DIR/target/quarkus-app/quarkus-run.jar
fi
echo "INFO builds ready in $(printf '%.0f' "$(echo "$(now) - $t_build" | bc)") s"

new_db rolling
JAR=$OLD_JAR migrate_db "$DB"
old_version=$(psql_db "$DB" -c "SELECT max(version::int) FROM flyway_schema_history WHERE success")
mint_tokens "$WORK/members.tsv" 200 member
ENDPOINTS=$WORK/endpoints
old_pids=(); old_urls=()
for ((i = 0; i < PODS; i++)); do
    JAR=$OLD_JAR start_app "$DB" QUARKUS_SHUTDOWN_TIMEOUT=20s
    old_pids+=("$APP_PID"); old_urls+=("$APP_URL")
done
printf '%s\n' "${old_urls[@]}" >"$ENDPOINTS"
python3 "$BENCH_DIR/tools/loadgen.py" "@$ENDPOINTS" "$WORK/members.tsv" --duration 3600 --threads "$THREADS" --mix both \
    --reads "$READS" --events "$WORK/events.csv" --stop-file "$WORK/stop" --timeout 60 >"$WORK/load.json" &
LOAD=$!
at_exit "kill $LOAD"
sleep "$WARM"

# The new release's migrate, while the old release serves.
t_mig=$(now)
(cd "$ROOT" && env $(app_env "$DB") java $JAVA_OPTS -jar "$NEW_JAR" migrate) >"$WORK/migrate-new.log" 2>&1 \
    || { cat "$WORK/migrate-new.log" >&2; fail "migrate of the new release failed"; }
t_migrated=$(now)
new_version=$(psql_db "$DB" -c "SELECT max(version::int) FROM flyway_schema_history WHERE success")
echo "INFO new release migrated V$old_version -> V$new_version in $(printf '%.1f' "$(echo "$t_migrated - $t_mig" | bc)") s while $PODS old pods served: $(grep -E '^Applied|^Migrated|^Nothing' "$WORK/migrate-new.log" | tr '\n' ' ')"
sleep "$SETTLE"
ready_old=0
for u in "${old_urls[@]}"; do curl -fsS -o /dev/null "$u/q/health/ready" && ready_old=$((ready_old + 1)); done
check "old pods stay ready on the newer schema" "$ready_old == $PODS" "$ready_old of $PODS old pods ready at V$new_version"

# Roll: surge one new pod, then retire one old pod, PODS times.
t_roll=$(now)
new_urls=()
for ((i = 0; i < PODS; i++)); do
    JAR=$NEW_JAR start_app "$DB" QUARKUS_SHUTDOWN_TIMEOUT=20s
    new_urls+=("$APP_URL")
    printf '%s\n' "${old_urls[@]:i+1}" "${new_urls[@]}" | grep . >"$ENDPOINTS.tmp"; mv "$ENDPOINTS.tmp" "$ENDPOINTS"
    sleep 1   # the endpoints update reaches the load balancer (loadgen re-reads within 0.1 s)
    kill -TERM "${old_pids[i]}"
    for ((k = 0; k < 300; k++)); do kill -0 "${old_pids[i]}" 2>/dev/null || break; sleep 0.1; done
    kill -0 "${old_pids[i]}" 2>/dev/null && fail "old pod ${old_pids[i]} did not stop within 30 s"
    log "replaced old pod ${old_urls[i]} by ${new_urls[i]}"
    sleep 2
done
t_rolled=$(now)
sleep "$AFTER"
touch "$WORK/stop"; wait "$LOAD" || true
echo "INFO load: $(cat "$WORK/load.json")"

{ python3 - "$WORK/events.csv" "$t_migrated" "$t_roll" <<'PY'
import csv, sys
ev = list(csv.DictReader(open(sys.argv[1])))
t_migrated, t_roll = float(sys.argv[2]), float(sys.argv[3])
bad = [e for e in ev if not e["status"].startswith("2")]
kinds = {}
for e in bad:
    k = "%s %s" % (e["status"], e["error"][:60]); kinds[k] = kinds.get(k, 0) + 1
writes = sum(1 for e in ev if e["path"].startswith("/api/v1/") and "?" not in e["path"])
reads = len(ev) - writes
between = [e for e in ev if t_migrated <= float(e["started"]) < t_roll]
print("%s zero non-2xx: %d requests (%d writes, %d reads), %d not 2xx %s" % ("PASS" if ev and not bad else "FAIL",
      len(ev), writes, reads, len(bad), kinds or ""))
print("%s old release on the new schema: %d requests between the migration and the first new pod, %d not 2xx" % (
      "PASS" if between and all(e["status"].startswith("2") for e in between) else "FAIL", len(between),
      sum(1 for e in between if not e["status"].startswith("2"))))
print("FIGURES rolling update: requests=%d errors=%d" % (len(ev), len(bad)))
PY
python3 "$BENCH_DIR/tools/drillcheck.py" acked "$DB" "$WORK/events.csv"
python3 "$BENCH_DIR/tools/drillcheck.py" consistent "$DB"; } | tee "$WORK/checks.txt"
grep -q '^FAIL' "$WORK/checks.txt" && RESULT_FAILS=$((RESULT_FAILS + 1))
for u in "${new_urls[@]}"; do
    curl -fsS "$u/q/health/ready" >/dev/null && pass "new pod $u ready" || fail "new pod $u not ready"
done
((RESULT_FAILS == 0)) || { echo "FAIL rolling-update: $RESULT_FAILS check(s) failed"; exit 1; }
echo "PASS rolling-update: V$old_version -> V$new_version with $PODS pods replaced one by one"
