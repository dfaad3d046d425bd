#!/usr/bin/env bash
# Startup, memory and migrate figures for the PACKAGED JVM application (target/quarkus-app), run
# against a PostgreSQL database of its own, the way a Kubernetes pod runs it:
#   * time from process start to the first 200 on /q/health/ready (median of RUNS starts);
#   * RSS right after start, and after LOAD_SECONDS of load (wrk);
#   * time of the `migrate` command on an already migrated database (the init-container's cost on
#     every rollout; median of RUNS).
# The JVM flags are the ones the container image ships (JAVA_OPTS in src/main/docker/Dockerfile.jvm),
# with -XX:MaxRAM set to the app container's memory limit in deploy/base/deployment.yaml, so the JVM
# sizes itself exactly as it does in the pod. The AppCDS archive is made the way Dockerfile.jvm makes it.
#
# Usage: bench/startup.sh [--build] [--baseline] [--runs N] [--load-seconds N]
#   --build      ./mvnw package -DskipTests first (otherwise the existing target/quarkus-app is used)
#   --baseline   `java -jar` with the JVM's own defaults in the same container (only -XX:MaxRAM = the
#                memory limit, as the container would impose; no shipped flags, no AppCDS): the "before"
# Environment: AEGIS_BENCH_PG_HOST (127.0.0.1), AEGIS_BENCH_PG_PORT (5432), AEGIS_BENCH_PG_USER (postgres),
#              PGPASSWORD, AEGIS_BENCH_HTTP_PORT (18080), AEGIS_BENCH_JAVA_OPTS (replaces the shipped flags).
# Other builds running on the same cores inflate every figure: run it on a quiet machine, or twice.
set -euo pipefail
cd "$(dirname "$0")/.."

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
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

PG_HOST=${AEGIS_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${AEGIS_BENCH_PG_PORT:-5432}
PG_USER=${AEGIS_BENCH_PG_USER:-postgres}
HTTP_PORT=${AEGIS_BENCH_HTTP_PORT:-18080}
APP_DIR=target/quarkus-app
WORK=$(mktemp -d)

log() { printf '\n== %s\n' "$*" >&2; }

ensure_tools() {
  local missing=()
  command -v curl >/dev/null || missing+=(curl)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
minmax() { sort -n | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }
rss_mb() { awk '/^VmRSS:/ {printf "%d", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ {printf "%d", $2/1024}' "/proc/$1/status"; }

# JAVA_OPTS as shipped in the JVM image, plus the container's memory limit for the JVM's ergonomics.
shipped_java_opts() {
  local opts limit
  opts=$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)
  [[ -n $opts ]] || { echo "no ENV JAVA_OPTS=\"...\" line in src/main/docker/Dockerfile.jvm" >&2; exit 1; }
  limit=$(awk '/^      containers:/ {c=1} c && /limits:/ {l=1} c && l && /memory:/ {print $2; exit}' deploy/base/deployment.yaml)
  case "$limit" in
    *Mi) limit="${limit%Mi}m" ;;
    *Gi) limit="${limit%Gi}g" ;;
    *) echo "cannot read the app container's memory limit from deploy/base/deployment.yaml" >&2; exit 1 ;;
  esac
  echo "-XX:MaxRAM=$limit $opts"
}

cleanup() {
  [[ -n ${APP_PID:-} ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [[ -n ${DB:-} ]] && psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
  return 0
}
trap cleanup EXIT

ensure_tools
if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then
  echo "port $HTTP_PORT is taken by another process: set AEGIS_BENCH_HTTP_PORT" >&2
  exit 1
fi
if $BUILD; then
  log "building: ./mvnw -B package -DskipTests"
  ./mvnw -B -q package -DskipTests
fi
[[ -f $APP_DIR/quarkus-run.jar ]] || { echo "no $APP_DIR/quarkus-run.jar: run ./mvnw package -DskipTests (or pass --build)" >&2; exit 1; }

if $BASELINE; then
  JAVA_OPTS=${AEGIS_BENCH_JAVA_OPTS:-$(shipped_java_opts | awk '{print $1}')}
  MODE="baseline: java -jar with the JVM defaults under the container limit"
else
  JAVA_OPTS=${AEGIS_BENCH_JAVA_OPTS:-$(shipped_java_opts)}
  MODE="shipped JVM flags"
  if [[ $JAVA_OPTS == *SharedArchiveFile=app-cds.jsa* ]]; then
    # Exactly what Dockerfile.jvm does: Quarkus stops after static init and the JVM dumps the archive.
    log "AppCDS archive: java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar"
    rm -f "$APP_DIR/app-cds.jsa"
    (cd "$APP_DIR" && java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar >"$WORK/cds.log" 2>&1) \
      || { cat "$WORK/cds.log" >&2; exit 1; }
  fi
fi
echo "mode: $MODE" >&2
echo "JAVA_OPTS: ${JAVA_OPTS:-<none>}" >&2

DB="aegis_bench_$(date +%s)_$$"
psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $DB" >/dev/null
export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB"
export QUARKUS_DATASOURCE_USERNAME=$PG_USER
export QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-}
export QUARKUS_HTTP_PORT=$HTTP_PORT
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/src/dev/jwt/publicKey.pem"
export QUARKUS_SHUTDOWN_DELAY=0s   # the bench stops the app between runs; production keeps its delay

# glibc arenas as the image sets them (ENV MALLOC_ARENA_MAX in Dockerfile.jvm)
if ! $BASELINE; then
  arenas=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\).*$/\1/p' src/main/docker/Dockerfile.jvm)
  [[ -n $arenas ]] && export MALLOC_ARENA_MAX=$arenas && echo "MALLOC_ARENA_MAX=$arenas" >&2
fi

run_app() { (cd "$APP_DIR" && exec java $JAVA_OPTS -jar quarkus-run.jar "$@"); }

log "migrate (first run, empty database)"
t0=$(now_ms)
run_app migrate >"$WORK/migrate-first.log" 2>&1 || { tail -20 "$WORK/migrate-first.log" >&2; echo "migrate failed" >&2; exit 1; }
echo "first migrate: $(($(now_ms) - t0)) ms" >&2

log "migrate on the up-to-date schema, $RUNS runs"
: >"$WORK/migrate.ms"
for _ in $(seq "$RUNS"); do
  t0=$(now_ms)
  run_app migrate >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
  echo $(($(now_ms) - t0)) >>"$WORK/migrate.ms"
done

start_app() {
  if curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/"; then
    echo "port $HTTP_PORT is taken by another process: set AEGIS_BENCH_HTTP_PORT" >&2
    exit 1
  fi
  # exec: $! is the JVM itself, so RSS is read from it and the TERM reaches it
  (cd "$APP_DIR" && exec java $JAVA_OPTS -jar quarkus-run.jar >"$WORK/app.log" 2>&1) &
  APP_PID=$!
}

wait_ready() {  # prints ms from $1 to the first 200 on /q/health/ready
  local started=$1 code
  for _ in $(seq 6000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/q/health/ready" || true)
    if [[ $code == 200 ]]; then
      echo $(($(now_ms) - started))
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$WORK/app.log" >&2; echo "the app exited" >&2; return 1; }
    sleep 0.01
  done
  echo "not ready after 60 s" >&2
  return 1
}

stop_app() {
  kill -TERM "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

log "start to first 200 on /q/health/ready, $RUNS runs"
: >"$WORK/ready.ms"
: >"$WORK/rss.mb"
for i in $(seq "$RUNS"); do
  t0=$(now_ms)
  start_app
  ms=$(wait_ready "$t0")
  sleep 1   # let the start settle before reading the resident set
  echo "$ms" >>"$WORK/ready.ms"
  rss_mb "$APP_PID" >>"$WORK/rss.mb"
  echo >>"$WORK/rss.mb"
  printf '  run %2d: ready in %5d ms, RSS %s MB (%s)\n' "$i" "$ms" "$(tail -n1 "$WORK/rss.mb")" \
    "$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -n1)" >&2
  stop_app
done

log "load: wrk for $LOAD_SECONDS s"
TOKENS=()
for m in 1 2 3 4; do
  TOKENS+=("$(java src/dev/MintToken.java "bench-member-$m-$$" member 7200)")
done
t0=$(now_ms)
start_app
wait_ready "$t0" >/dev/null
sleep 1
# The API mix (log a scam call, read the security log, readiness) once the API answers; otherwise
# the operations endpoints alone.
probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKENS[0]}" \
  "http://127.0.0.1:$HTTP_PORT/api/v1/security-logs?limit=1" || true)
if [[ $probe == 200 ]]; then
  LOAD="API mix: POST /api/v1/scam-calls, GET /api/v1/security-logs, GET /q/health/ready"
else
  LOAD="operations endpoints only (the API answered $probe): /q/health/ready, /q/metrics"
fi
cat >"$WORK/load.lua" <<LUA
local tokens = { "${TOKENS[0]}", "${TOKENS[1]}", "${TOKENS[2]}", "${TOKENS[3]}" }
local api = $([[ $probe == 200 ]] && echo true || echo false)
local n = 0
request = function()
  n = n + 1
  local auth = { ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1], ["Content-Type"] = "application/json" }
  local pick = n % 4
  if api and pick == 0 then
    local body = string.format('{"callerNumber":"+4915112345%03d","occurredAt":"%s","riskScore":%d,"verdict":"BLOCKED"}',
      n % 1000, os.date("!%Y-%m-%dT%H:%M:%SZ"), n % 101)
    return wrk.format("POST", "/api/v1/scam-calls", auth, body)
  elseif api and pick == 1 then
    return wrk.format("GET", "/api/v1/security-logs?limit=20", auth)
  elseif pick == 2 then
    return wrk.format("GET", "/q/metrics")
  end
  return wrk.format("GET", "/q/health/ready")
end
LUA
wrk -t2 -c16 -d"${LOAD_SECONDS}s" --latency -s "$WORK/load.lua" "http://127.0.0.1:$HTTP_PORT" >"$WORK/wrk.txt" 2>&1
RSS_LOAD=$(rss_mb "$APP_PID")
HWM_LOAD=$(hwm_mb "$APP_PID")
REQS=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
P99=$(awk '/ 99%/ {print $2}' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
stop_app

READY_MED=$(median <"$WORK/ready.ms")
READY_RANGE=$(minmax <"$WORK/ready.ms")
RSS_MED=$(grep -v '^$' "$WORK/rss.mb" | median)
MIG_MED=$(median <"$WORK/migrate.ms")
MIG_RANGE=$(minmax <"$WORK/migrate.ms")
verdict() { (($1 <= $2)) && echo ok || echo MISSED; }

cat <<REPORT

Aegis Trust Vault, JVM mode ($MODE), $(nproc) cores, $(java -version 2>&1 | head -n1)
JAVA_OPTS: ${JAVA_OPTS:-<none>}
figure                                    median   range        target    verdict
start -> first 200 on /q/health/ready     ${READY_MED} ms   ${READY_RANGE} ms   <= 1500 ms  $(verdict "$READY_MED" 1500)
RSS after start                           ${RSS_MED} MB
RSS after ${LOAD_SECONDS} s of load                  ${RSS_LOAD} MB   (peak ${HWM_LOAD} MB)   <= 150 MB   $(verdict "$RSS_LOAD" 150)
migrate on an up-to-date schema           ${MIG_MED} ms   ${MIG_RANGE} ms   <= 2000 ms  $(verdict "$MIG_MED" 2000)
load: $LOAD
      ${REQS:-?} requests/s, p99 ${P99:-?}, non-2xx: ${NON2XX:-0}
REPORT
