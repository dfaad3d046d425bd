#!/usr/bin/env bash
# The packaged application in each of its forms, measured one after the other in the same run, on
# the same machine and PostgreSQL, the way a Kubernetes pod runs it:
#   * start -> first 200 on /q/health/ready, CPU used until then, RSS 1 s after (idle): median of RUNS;
#   * `migrate` on the up-to-date schema (the init-container's cost on every pod start), median;
#   * pod start: `migrate` then start -> ready, back to back (what a new pod waits for), median;
#   * scam-call load (bench/wrk/scam-calls.lua, MEMBERS members, CONNS connections) on a fresh process:
#     requests/s, service CPU per request (from /proc/<pid>/stat) and p99 in the first 10 s, and again
#     in 10 s after 60 s of load (the maximum);
#   * then, on another fresh process, 60 s at half that maximum: RSS, CPU per request, p99.
#
# Targets (--targets, default "jvm17 jvm25 jvm25-aot native"; a target whose JVM or executable is
# missing is reported as skipped):
#   jvm17      $JAVA17 (default /usr/lib/jvm/java-17-openjdk-amd64) -jar target/quarkus-app/quarkus-run.jar
#              with the JVM image's flags (ENV JAVA_OPTS of src/main/docker/Dockerfile.jvm, -XX:MaxRAM = the
#              app container's memory limit) and its AppCDS archive, dumped by that JVM as the image does
#   jvm25      the same with $JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   jvm25-aot  $JAVA25 with a JDK 25 AOT cache (JEP 483/514/515) instead of AppCDS, trained the way an
#              image build can (-XX:AOTCacheOutput, Quarkus stops after static init: no database needed);
#              --aot-training load trains it on 20 s of scam-call load instead. The cache holds only
#              classes of the JDK's own class loaders, so give it Quarkus' aot-jar layout (every jar on the
#              manifest's Class-Path) with --aot-app-dir DIR, built by
#              ./mvnw package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot-build
#              (then DIR = target/aot-build); by default it uses the fast-jar of target/quarkus-app
#   native     the native executable: --runner PATH (default target/*-runner) with -XX:MaxRAM = the app
#              container's limit in deploy/base (SubstrateVM sizes its heap from it, as from the pod's cgroup);
#              NATIVE_ARGS passed on (e.g. NATIVE_ARGS=-Xmn8m)
#
# Usage: bench/side-by-side.sh [--targets "..."] [--runs N] [--load-seconds N] [--runner PATH]
#                              [--app-dir DIR] [--aot-app-dir DIR] [--aot-training startup|load]
#                              [--members N] [--conns N]
# Builds nothing: `./mvnw package -DskipTests` for the jar, `./mvnw package -Dnative -DskipTests`
# (GRAALVM_HOME as your toolchain needs it) for the executable; the native build does not remove the jar.
# Results also go to $OUT (default bench/results/side-by-side-<UTC timestamp>.txt).
source "$(dirname "$0")/lib/common.sh"

TARGETS="jvm17 jvm25 jvm25-aot native"
RUNS=5
LOAD_SECONDS=60
MEMBERS=1000
CONNS=32
AOT_TRAINING=startup
APP_DIR=$ROOT/target/quarkus-app
RUNNER=
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
NATIVE_ARGS=${NATIVE_ARGS:-}
while (($#)); do
  case "$1" in
    --targets) TARGETS=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --load-seconds) LOAD_SECONDS=$2; shift ;;
    --runner) RUNNER=$2; shift ;;
    --app-dir) APP_DIR=$(cd "$2" && pwd); shift ;;
    --aot-app-dir) AOT_APP_DIR=$(cd "$2" && pwd); shift ;;
    --aot-training) AOT_TRAINING=$2; shift ;;
    --members) MEMBERS=$2; shift ;;
    --conns) CONNS=$2; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
AOT_APP_DIR=${AOT_APP_DIR:-$APP_DIR}
if [[ -z $RUNNER ]]; then
  RUNNER=$(ls -t "$ROOT"/target/*-runner 2>/dev/null | head -n 1 || true)
fi

need_tools curl wrk psql:postgresql-client bc
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/side-by-side-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1

DOCKERFILE=$ROOT/src/main/docker/Dockerfile.jvm
IMAGE_OPTS=$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' "$DOCKERFILE")
[[ -n $IMAGE_OPTS ]] || die "no ENV JAVA_OPTS=\"...\" line in $DOCKERFILE"
ARENAS=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\).*$/\1/p' "$DOCKERFILE")
# Each form runs under its own pod's memory limit, as the cgroup imposes it (-XX:MaxRAM for both the JVM
# and SubstrateVM): the native default's in deploy/base, the JVM's in deploy/components/jvm-image.
max_ram() {
  case "$1" in
    *Mi) echo "-XX:MaxRAM=${1%Mi}m" ;;
    *Gi) echo "-XX:MaxRAM=${1%Gi}g" ;;
    *) die "cannot read the app container's memory limit ($2)" ;;
  esac
}
LIMIT=$(awk '/^      containers:/ {c=1} c && /limits:/ {l=1} c && l && /memory:/ {print $2; exit}' "$ROOT/deploy/base/deployment.yaml")
NATIVE_MAX_RAM=$(max_ram "$LIMIT" deploy/base/deployment.yaml)
JVM_LIMIT=$(grep -A1 'path: /spec/template/spec/containers/0/resources' "$ROOT/deploy/components/jvm-image/kustomization.yaml" \
  | sed -n 's/.*limits: {[^}]*memory: \([0-9]*[MG]i\)}.*/\1/p' | head -n 1)
MAX_RAM=$(max_ram "$JVM_LIMIT" deploy/components/jvm-image/kustomization.yaml)

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2"; }

# ---- targets: CMD (array) is how the target runs the service; prepared once per target ------------
prepare() {  # target → sets CMD, DESC; returns 1 (skipped) when the target cannot run here
  local target=$1 java opts
  TARGET_ENV=()
  TDIR=$ROOT
  case $target in
    jvm17|jvm25|jvm25-aot)
      [[ $target == jvm17 ]] && java=$JAVA17 || java=$JAVA25
      [[ $target == jvm25-aot ]] && TDIR=$AOT_APP_DIR || TDIR=$APP_DIR
      [[ -x $java ]] || { SKIP="no $java"; return 1; }
      [[ -f $TDIR/quarkus-run.jar ]] || { SKIP="no $TDIR/quarkus-run.jar (./mvnw package -DskipTests)"; return 1; }
      opts="$MAX_RAM ${IMAGE_OPTS//-XX:SharedArchiveFile=app-cds.jsa/}"
      if [[ $target == jvm25-aot ]]; then
        train_aot "$java" "$opts" || return 1
        opts="$opts -XX:AOTCache=$WORK/$target.aot"
      else
        (cd "$TDIR" && "$java" -XX:ArchiveClassesAtExit="$WORK/$target.jsa" -Dquarkus.appcds.generate=true \
          -jar quarkus-run.jar >"$WORK/$target-cds.log" 2>&1) || { SKIP="AppCDS dump failed ($WORK/$target-cds.log)"; return 1; }
        opts="$opts -XX:SharedArchiveFile=$WORK/$target.jsa"
      fi
      CMD=("$java" $opts -jar "$TDIR/quarkus-run.jar")
      [[ -n $ARENAS ]] && TARGET_ENV=("MALLOC_ARENA_MAX=$ARENAS")
      DESC="$("$java" -version 2>&1 | head -n 1); ${TDIR#$ROOT/}; $opts${ARENAS:+; MALLOC_ARENA_MAX=$ARENAS}"
      ;;
    native)
      [[ -n $RUNNER && -x $RUNNER ]] || { SKIP="no native executable (target/*-runner; --runner PATH)"; return 1; }
      CMD=("$RUNNER" $NATIVE_MAX_RAM $NATIVE_ARGS)
      DESC="$RUNNER ($(($(stat -c %s "$RUNNER") / 1024 / 1024)) MB); $NATIVE_MAX_RAM${NATIVE_ARGS:+ $NATIVE_ARGS}"
      ;;
    *) die "unknown target $target" ;;
  esac
}

# JDK 25 AOT cache (JEP 514's one-step -XX:AOTCacheOutput): the JVM records what the training run
# loads, links and profiles, and writes the cache when it exits.
train_aot() {  # java opts
  local java=$1 opts=$2 pid
  rm -f "$WORK/jvm25-aot.aot"
  if [[ $AOT_TRAINING == startup ]]; then
    (cd "$TDIR" && "$java" $opts -XX:AOTCacheOutput="$WORK/jvm25-aot.aot" -Dquarkus.appcds.generate=true \
      -jar quarkus-run.jar >"$WORK/aot-train.log" 2>&1) || { SKIP="AOT training failed ($WORK/aot-train.log)"; return 1; }
  else
    new_db sbs_aot_training
    CMD=("$java" $opts -jar "$TDIR/quarkus-run.jar")
    migrate_target "$DB" || { SKIP="migrate failed before the AOT training"; return 1; }
    CMD=("$java" $opts -XX:AOTCacheOutput="$WORK/jvm25-aot.aot" -jar "$TDIR/quarkus-run.jar")
    start_target "$DB"; wait_ready "$(date +%s%N)" >/dev/null
    wrk_scam 20 >/dev/null
    kill -TERM "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=   # the cache is written at exit
  fi
  [[ -s $WORK/jvm25-aot.aot ]] || { SKIP="no AOT cache written ($WORK/aot-train.log)"; return 1; }
}

# ---- one process of the current target ---------------------------------------------------------
start_target() {  # db → APP_PID (the service process itself: exec, so RSS and CPU are its own)
  (cd "$TDIR"; exec env $(app_env "$1") QUARKUS_HTTP_PORT="$PORT" \
    "${TARGET_ENV[@]}" "${CMD[@]}" >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  at_exit "kill -9 $APP_PID"
}
migrate_target() {  # db → exit code; CPU seconds "user system" appended to $WORK/migrate.time
  (cd "$TDIR"; exec env $(app_env "$1") "${TARGET_ENV[@]}" \
    /usr/bin/time -a -o "$WORK/migrate.time" -f "%U %S %M" "${CMD[@]}" migrate >"$WORK/migrate.log" 2>&1)
}
wrk_scam() {  # seconds [rate] → RESULT line of bench/wrk/common.lua
  env TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" EXPECT=201 CONNS="$CONNS" ${2:+RATE=$2} \
    wrk -t2 -c "$CONNS" -d "${1}s" --timeout 10s -s "$BENCH_DIR/wrk/scam-calls.lua" "$URL" >"$WORK/wrk.out" 2>&1 \
    || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
  grep '^RESULT' "$WORK/wrk.out"
}
measured_load() {  # label seconds [rate]: one wrk run with the service's CPU per request around it
  local c0 res c1
  c0=$(cpu_ms "$APP_PID")
  res=$(wrk_scam "$2" "${3:-}")
  c1=$(cpu_ms "$APP_PID")
  LAST_RPS=$(field rps "$res")
  printf '%-34s %8.0f req/s  CPU %s ms/request  p99 %s ms  non-201 %s  socket errors %s\n' "$1" "$LAST_RPS" \
    "$(echo "scale=2; ($c1 - $c0) / $(field requests "$res")" | bc)" "$(field p99_ms "$res")" "$(field bad "$res")" \
    "$(field socket_errors "$res")"
}
stop_target() {
  if [[ -n ${APP_PID:-} ]]; then
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}

echo "# bench/side-by-side.sh --targets \"$TARGETS\" --runs $RUNS --load-seconds $LOAD_SECONDS --members $MEMBERS --conns $CONNS --aot-training $AOT_TRAINING"
machine_info
echo "app container memory limit: native $LIMIT (deploy/base), JVM $JVM_LIMIT (deploy/components/jvm-image); JVM image flags: $IMAGE_OPTS${ARENAS:+, MALLOC_ARENA_MAX=$ARENAS}"

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
mint_tokens "$WORK/members.tsv" "$MEMBERS" member
SUMMARY=()

for target in $TARGETS; do
  echo
  SKIP=
  if ! prepare "$target"; then
    echo "## $target: skipped: $SKIP"
    SUMMARY+=("$(printf '%-10s skipped: %s' "$target" "$SKIP")")
    continue
  fi
  echo "## $target: ${DESC}"
  # Each target gets databases of its own: the load database starts empty for every target alike.
  new_db "sbs_load_${target//-/_}"
  LOAD_DB=$DB
  migrate_target "$LOAD_DB" || { tail -20 "$WORK/migrate.log"; die "$target: migrate on an empty database failed"; }
  new_db "sbs_${target//-/_}"
  migrate_target "$DB" || { tail -20 "$WORK/migrate.log"; die "$target: migrate on an empty database failed"; }
  : >"$WORK/migrate.time"; : >"$WORK/migrate.ms"; : >"$WORK/ready.ms"; : >"$WORK/pod.ms"; : >"$WORK/ready.cpu"; : >"$WORK/rss.kb"
  for i in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    migrate_target "$DB" || { tail -20 "$WORK/migrate.log"; die "$target: migrate failed"; }
    ms_since "$t0" >>"$WORK/migrate.ms"
    t1=$(date +%s%N)
    start_target "$DB"
    ready=$(wait_ready "$t1")
    echo "$ready" >>"$WORK/ready.ms"
    ms_since "$t0" >>"$WORK/pod.ms"
    cpu_ms "$APP_PID" >>"$WORK/ready.cpu"
    sleep 1
    rss_kb "$APP_PID" >>"$WORK/rss.kb"
    log "$target run $i: migrate $(tail -n1 "$WORK/migrate.ms") ms, ready $ready ms, RSS $(($(tail -n1 "$WORK/rss.kb") / 1024)) MB"
    stop_target
  done
  READY=$(median <"$WORK/ready.ms"); POD=$(median <"$WORK/pod.ms"); MIG=$(median <"$WORK/migrate.ms")
  READY_CPU=$(median <"$WORK/ready.cpu"); RSS_IDLE=$(($(median <"$WORK/rss.kb" | cut -d. -f1) / 1024))
  MIG_CPU=$(awk '{printf "%d\n", ($1 + $2) * 1000}' "$WORK/migrate.time" | median)
  MIG_PEAK=$(($(awk '{print $3}' "$WORK/migrate.time" | median | cut -d. -f1) / 1024))
  printf 'start -> ready          median %s ms (%s), CPU until ready %s ms\n' "$READY" "$(sort -n "$WORK/ready.ms" | paste -sd' ')" "$READY_CPU"
  printf 'RSS 1 s after ready     median %s MB\n' "$RSS_IDLE"
  printf 'migrate, up to date     median %s ms (%s), CPU %s ms, peak RSS %s MB\n' "$MIG" "$(sort -n "$WORK/migrate.ms" | paste -sd' ')" "$MIG_CPU" "$MIG_PEAK"
  printf 'pod start (migrate + ready) median %s ms\n' "$POD"

  # The maximum, on a fresh process: its first 10 s (cold), then again after 60 s of load.
  start_target "$LOAD_DB"; wait_ready "$(date +%s%N)" >/dev/null
  measured_load "scam calls, first 10 s" 10; FIRST=$LAST_RPS
  wrk_scam 50 >/dev/null
  measured_load "scam calls, 10 s after 60 s" 10; MAX=$LAST_RPS
  RSS_MAX=$(($(rss_kb "$APP_PID") / 1024))
  stop_target
  HALF=$(printf '%.0f' "$(echo "$MAX / 2" | bc -l)")
  start_target "$LOAD_DB"; wait_ready "$(date +%s%N)" >/dev/null
  measured_load "half the maximum ($HALF req/s), ${LOAD_SECONDS} s" "$LOAD_SECONDS" "$HALF"
  RSS_HALF=$(($(rss_kb "$APP_PID") / 1024))
  HWM_HALF=$(awk '/^VmHWM:/ {printf "%d", $2/1024}' "/proc/$APP_PID/status")
  stop_target
  printf 'RSS after %s s at half the maximum: %s MB (peak %s MB); after the maximum: %s MB\n' "$LOAD_SECONDS" "$RSS_HALF" "$HWM_HALF" "$RSS_MAX"
  SUMMARY+=("$(printf '%-10s ready %5s ms  pod %5s ms  migrate %5s ms  RSS idle %4s MB  half-load %4s MB  max %6.0f req/s (first 10 s %6.0f)' \
    "$target" "$READY" "$POD" "$MIG" "$RSS_IDLE" "$RSS_HALF" "$MAX" "$FIRST")")
done

echo
echo "## summary (medians of $RUNS; details above; results in ${OUT#$ROOT/})"
printf '%s\n' "${SUMMARY[@]}"
