#!/usr/bin/env bash
# Startup, memory and migrate figures for the PACKAGED JVM application (target/quarkus-app), run
# against a PostgreSQL database of its own, the way a Kubernetes pod runs it:
#   * time from process start to the first 200 on /q/health/ready (median of RUNS starts);
#   * RSS right after start, and after LOAD_SECONDS of API load (wrk);
#   * time of the `migrate` command on an already migrated database (the init-container's cost on
#     every pod start; median of RUNS).
# The JVM flags are the ones the container image ships (ENV JAVA_OPTS and MALLOC_ARENA_MAX in
# src/main/docker/Dockerfile.jvm), with -XX:MaxRAM set to the app container's memory limit in
# deploy/components/jvm-image, so the JVM sizes itself exactly as in the pod; the AppCDS archive is
# dumped the way Dockerfile.jvm dumps it, and the app runs from target/quarkus-app as in the image.
#
# Usage: bench/startup.sh [--build] [--baseline] [--runs N] [--load-seconds N]
#   --build      ./mvnw package -DskipTests first (otherwise the existing target/quarkus-app is used)
#   --baseline   the JVM's own defaults in the same container (only -XX:MaxRAM = the memory limit;
#                no shipped flags, no AppCDS): the "before" figures
# Uses bench/lib/common.sh (PGHOST/PGPORT/PGUSER, BENCH_KEEP). Other builds running on the same cores
# inflate every figure: run it on a quiet machine, or twice, and quote the spread.
source "$(dirname "$0")/lib/common.sh"

RUNS=10
LOAD_SECONDS=60
BUILD=false
BASELINE=false
while (($#)); do
  case "$1" in
    --build) BUILD=true ;;
    --baseline) BASELINE=true ;;
    --runs) RUNS=$2; shift ;;
    --load-seconds) LOAD_SECONDS=$2; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

APP_DIR=$ROOT/target/quarkus-app
DOCKERFILE=$ROOT/src/main/docker/Dockerfile.jvm

minmax() { sort -n | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }

# -XX:MaxRAM=<the JVM app container's memory limit>, as the container would impose it on the JVM
# (deploy/components/jvm-image: the base is sized for the native default).
container_max_ram() {
  local limit
  limit=$(grep -A1 'path: /spec/template/spec/containers/0/resources' "$ROOT/deploy/components/jvm-image/kustomization.yaml" \
    | sed -n 's/.*limits: {[^}]*memory: \([0-9]*[MG]i\)}.*/\1/p' | head -n 1)
  case "$limit" in
    *Mi) echo "-XX:MaxRAM=${limit%Mi}m" ;;
    *Gi) echo "-XX:MaxRAM=${limit%Gi}g" ;;
    *) die "cannot read the JVM app container's memory limit from deploy/components/jvm-image" ;;
  esac
}

need_tools curl wrk psql:postgresql-client /usr/bin/time:time
if $BUILD; then
  log "building: ./mvnw -B package -DskipTests"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi
need_jar

if $BASELINE; then
  BENCH_JAVA_OPTS=$(container_max_ram)
  MODE="baseline: the JVM's defaults under the container limit"
else
  shipped=$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' "$DOCKERFILE")
  [[ -n $shipped ]] || die "no ENV JAVA_OPTS=\"...\" line in $DOCKERFILE"
  BENCH_JAVA_OPTS="$(container_max_ram) $shipped"
  MODE="the JVM image's flags"
  arenas=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\).*$/\1/p' "$DOCKERFILE")
  [[ -n $arenas ]] && export MALLOC_ARENA_MAX=$arenas
  if [[ $BENCH_JAVA_OPTS == *SharedArchiveFile=app-cds.jsa* ]]; then
    # Exactly what Dockerfile.jvm does: Quarkus stops after static init and the JVM dumps the archive.
    log "AppCDS archive: java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar"
    rm -f "$APP_DIR/app-cds.jsa"
    (cd "$APP_DIR" && java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar \
      >"$WORK/cds.log" 2>&1) || { tail -20 "$WORK/cds.log" >&2; die "AppCDS dump failed"; }
  fi
fi
log "mode: $MODE; JAVA_OPTS: $BENCH_JAVA_OPTS${MALLOC_ARENA_MAX:+; MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}"

new_db startup
# The app runs as in the image: from its directory (AppCDS), the prod profile, the bench's database.
migrate() {  # appends "user system" CPU seconds to $WORK/migrate.time
  (cd "$APP_DIR" && exec env $(app_env "$DB") /usr/bin/time -a -o "$WORK/migrate.time" -f "%U %S" \
    java $BENCH_JAVA_OPTS -jar quarkus-run.jar migrate)
}

log "migrate, first run (empty database)"
t0=$(date +%s%N)
migrate >"$WORK/migrate-first.log" 2>&1 || { tail -20 "$WORK/migrate-first.log" >&2; die "migrate failed"; }
FIRST_MIGRATE=$(ms_since "$t0")

log "migrate on the up-to-date schema, $RUNS runs"
: >"$WORK/migrate.ms"
: >"$WORK/migrate.time"
for _ in $(seq "$RUNS"); do
  t0=$(date +%s%N)
  migrate >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log" >&2; die "migrate failed"; }
  ms_since "$t0" >>"$WORK/migrate.ms"
done

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
start() {  # one subshell that execs the JVM: $! is the JVM itself, so RSS is read from it and TERM reaches it
  (cd "$APP_DIR" && exec env $(app_env "$DB") QUARKUS_HTTP_PORT="$PORT" \
    java $BENCH_JAVA_OPTS -jar quarkus-run.jar >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  at_exit "kill -9 $APP_PID"
}

log "start to first 200 on /q/health/ready, $RUNS runs"
: >"$WORK/ready.ms"
: >"$WORK/ready.cpu"
: >"$WORK/rss.kb"
for i in $(seq "$RUNS"); do
  t0=$(date +%s%N)
  start
  ms=$(wait_ready "$t0")
  echo "$(cpu_ms "$APP_PID")" >>"$WORK/ready.cpu"
  sleep 1   # let the start settle before reading the resident set
  echo "$ms" >>"$WORK/ready.ms"
  rss_kb "$APP_PID" >>"$WORK/rss.kb"
  log "  run $i: ready in $ms ms ($(tail -n1 "$WORK/ready.cpu") ms CPU), RSS $(($(tail -n1 "$WORK/rss.kb") / 1024)) MB ($(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -n1))"
  stop_app
done

log "API load: wrk for $LOAD_SECONDS s"
mint_tokens "$WORK/tokens.tsv" 8 member "bench-startup-%d-$RUN_TAG" 7200
t0=$(date +%s%N)
start
wait_ready "$t0" >/dev/null
sleep 1
{
  echo 'local tokens = {'
  cut -f2 "$WORK/tokens.tsv" | sed 's/.*/  "&",/'
  echo '}'
  cat <<'LUA'
local n = 0
-- a phone's day, compressed: log scam calls, read the security log; Prometheus scrapes now and then
request = function()
  n = n + 1
  local auth = { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" }
  local pick = n % 10
  if pick < 4 then
    local body = string.format('{"callerNumber":"+4915112345%03d","occurredAt":"%s","riskScore":%d,"verdict":"BLOCKED"}',
      n % 1000, os.date("!%Y-%m-%dT%H:%M:%SZ"), n % 101)
    return wrk.format("POST", "/api/v1/scam-calls", auth, body)
  elseif pick < 9 then
    return wrk.format("GET", "/api/v1/security-logs?limit=20", auth)
  end
  return wrk.format("GET", "/q/metrics")
end
LUA
} >"$WORK/load.lua"
wrk -t2 -c16 -d"${LOAD_SECONDS}s" --latency -s "$WORK/load.lua" "$URL" >"$WORK/wrk.txt" 2>&1
RSS_LOAD=$(($(rss_kb "$APP_PID") / 1024))
HWM_LOAD=$(awk '/^VmHWM:/ {printf "%d", $2/1024}' "/proc/$APP_PID/status")
REQS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
P99=$(awk '/ 99%/ {print $2}' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
stop_app

READY_MED=$(median <"$WORK/ready.ms")
READY_RANGE=$(minmax <"$WORK/ready.ms")
RSS_MED=$(($(median <"$WORK/rss.kb" | cut -d. -f1) / 1024))
MIG_MED=$(median <"$WORK/migrate.ms" | cut -d. -f1)
MIG_RANGE=$(minmax <"$WORK/migrate.ms")
READY_CPU=$(median <"$WORK/ready.cpu" | cut -d. -f1)
MIG_CPU=$(awk '{printf "%d\n", ($1 + $2) * 1000}' "$WORK/migrate.time" | median | cut -d. -f1)
READY_MED=${READY_MED%.*}
verdict() { (($1 <= $2)) && echo ok || echo MISSED; }

cat <<REPORT

Aegis Trust Vault, JVM mode: $MODE
$(machine_info)
JAVA_OPTS: $BENCH_JAVA_OPTS${MALLOC_ARENA_MAX:+   MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX}
figure                                   median      range            target      verdict
start -> first 200 on /q/health/ready    ${READY_MED} ms     ${READY_RANGE} ms    <= 1500 ms  $(verdict "$READY_MED" 1500)
  CPU time used until then               ${READY_CPU} ms
RSS after start                          ${RSS_MED} MB
RSS after ${LOAD_SECONDS} s of API load              ${RSS_LOAD} MB      peak ${HWM_LOAD} MB      <= 150 MB   $(verdict "$RSS_LOAD" 150)
migrate, up-to-date schema               ${MIG_MED} ms     ${MIG_RANGE} ms    <= 2000 ms  $(verdict "$MIG_MED" 2000)
  CPU time of one run                    ${MIG_CPU} ms
migrate, empty database (first run)      ${FIRST_MIGRATE} ms
load: 40% POST /api/v1/scam-calls, 50% GET /api/v1/security-logs, 10% GET /q/metrics; wrk -t2 -c16
      ${REQS:-?} requests/s, p99 ${P99:-?}, non-2xx responses: ${NON2XX:-0}
REPORT
