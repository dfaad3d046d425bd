# Shared helpers for the bench/ scripts (sourced, not run).
#
# Every script: installs the public tools it needs, creates its own PostgreSQL database(s)
# with unique names, migrates them with the packaged app's `migrate` command, starts the
# packaged app bound to 127.0.0.1 only, and stops/drops everything it started on exit (trap).
# Nothing is built here: run `./mvnw package -DskipTests` first.
#
# Environment knobs (all optional):
#   PGHOST/PGPORT/PGUSER   PostgreSQL to use (default 127.0.0.1:5432, postgres, trust auth)
#   JAVA_OPTS              extra JVM flags for the app (e.g. -Xmx512m)
#   BENCH_JAR              the packaged app to run (default target/quarkus-app/quarkus-run.jar; e.g. a copy of a
#                          previous build's quarkus-app, for before/after figures)
#   BENCH_APP_ENV          extra app configuration, "VAR=value VAR2=value2" (e.g. QUARKUS_DATASOURCE_JDBC_MAX_SIZE=16)
#   BENCH_KEEP=1           keep databases and the work directory (for inspection)
#   BENCH_PRIVATE_PG=1     use a throw-away PostgreSQL cluster of the script's own (initdb, free port)

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR=${BENCH_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
PUBKEY=$ROOT/src/dev/jwt/publicKey.pem
PRIVKEY=$ROOT/src/dev/jwt/privateKey.pem
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PYTHONDONTWRITEBYTECODE=1
RUN_TAG=$(date -u +%H%M%S)_$$
WORK=$(mktemp -d "/tmp/aegis-bench.$RUN_TAG.XXXX")
JAVA_OPTS=${JAVA_OPTS:-}

# ---- cleanup: commands pushed here run in reverse order on exit ----------------------
_CLEANUP=()
at_exit() { _CLEANUP+=("$*"); }
_run_cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    for ((i = ${#_CLEANUP[@]} - 1; i >= 0; i--)); do eval "${_CLEANUP[$i]}" >/dev/null 2>&1 || true; done
    if [[ -z ${BENCH_KEEP:-} ]]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
    exit $rc
}
trap _run_cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# ---- tools --------------------------------------------------------------------------
# need_tools cmd[:package] ... — installs missing Debian packages (apt-get update once).
need_tools() {
    local missing=() spec cmd pkg
    for spec in "$@"; do
        cmd=${spec%%:*}; pkg=${spec#*:}
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]})"; fi
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

need_jar() {
    [[ -f $JAR ]] || die "no $JAR: build it first with ./mvnw package -DskipTests"
}

# need_rabbitmqadmin — rabbitmqadmin talks to RabbitMQ's management API (:15672), which a fresh broker has
# switched off: switch it on (the scripts declare their own queues with it and read what arrived).
need_rabbitmqadmin() {
    need_tools rabbitmqadmin:rabbitmq-server
    rabbitmqadmin -q list exchanges >/dev/null 2>&1 && return 0
    log "the RabbitMQ management API does not answer: rabbitmq-plugins enable rabbitmq_management"
    rabbitmq-plugins enable rabbitmq_management >/dev/null || die "could not enable rabbitmq_management"
    local i
    for ((i = 0; i < 60; i++)); do
        rabbitmqadmin -q list exchanges >/dev/null 2>&1 && return 0
        sleep 1
    done
    die "the RabbitMQ management API did not come up on :15672"
}

# ---- machine ------------------------------------------------------------------------
machine_info() {
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), nproc=$(nproc)"
    echo "memory: $(free -h | awk '/^Mem:/{print $2" total, "$7" available"}')"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "postgresql: $(psql -XAtqc 'show server_version' postgres 2>/dev/null) (shared_buffers=$(psql -XAtqc 'show shared_buffers' postgres 2>/dev/null), synchronous_commit=$(psql -XAtqc 'show synchronous_commit' postgres 2>/dev/null))"
    echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# ---- PostgreSQL ---------------------------------------------------------------------
psql_db() { local db=$1; shift; psql -X -v ON_ERROR_STOP=1 -Atq -d "$db" "$@"; }

# new_db prefix — creates a database with a unique name, sets DB to it; dropped on exit.
# (Not a command substitution: the cleanup must be registered in this shell.)
new_db() {
    DB="bench_${1}_${RUN_TAG}_$RANDOM"
    psql -XAtq -d postgres -c "CREATE DATABASE $DB" >/dev/null
    [[ -n ${BENCH_KEEP:-} ]] || at_exit "psql -XAtq -h $PGHOST -p $PGPORT -U $PGUSER -d postgres -c 'DROP DATABASE IF EXISTS $DB WITH (FORCE)'"
}

jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }

# app_env db — the environment the packaged app runs with (prod profile).
app_env() {
    echo "QUARKUS_DATASOURCE_JDBC_URL=$(jdbc_url "$1")"
    echo "QUARKUS_DATASOURCE_USERNAME=$PGUSER"
    echo "QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-}"
    echo "MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:$PUBKEY"
    echo "QUARKUS_HTTP_HOST=127.0.0.1"
}

# migrate db — `java -jar quarkus-run.jar migrate` against the database.
# Fallback, loudly reported: if the command cannot even start (an integration bug of the build, not a
# migration failure), the app is started once with QUARKUS_FLYWAY_MIGRATE_AT_START=true instead, which
# applies the same Flyway migrations, so that measurements can still run.
migrate_db() {
    local db=$1 t0
    t0=$(date +%s.%N)
    if (cd "$ROOT" && env $(app_env "$db") java $JAVA_OPTS -jar "$JAR" migrate >"$WORK/migrate-$db.log" 2>&1); then
        log "migrated $db with the migrate command in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s"
        return 0
    fi
    if grep -q 'could not start the command' "$WORK/migrate-$db.log"; then
        log "WARNING: the migrate command does not start ($(grep -o 'Bean is not active[^:]*' "$WORK/migrate-$db.log" | head -1)); migrating with QUARKUS_FLYWAY_MIGRATE_AT_START=true instead"
        local save_pid=${APP_PID:-} save_port=${APP_PORT:-} save_url=${APP_URL:-} save_log=${APP_LOG:-}
        start_app "$db" QUARKUS_FLYWAY_MIGRATE_AT_START=true
        stop_app
        APP_PID=$save_pid APP_PORT=$save_port APP_URL=$save_url APP_LOG=$save_log
        return 0
    fi
    tail -20 "$WORK/migrate-$db.log" >&2
    die "migrate failed for $db"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_app db [VAR=value ...] — starts the packaged app on a free port; sets APP_PID, APP_PORT, APP_URL,
# APP_LOG; waits until /q/health/ready answers UP (60 s at most). Stopped on exit.
start_app() {
    local db=$1; shift
    APP_PORT=$(free_port)
    APP_URL="http://127.0.0.1:$APP_PORT"
    APP_LOG="$WORK/app-$APP_PORT.log"
    (cd "$ROOT" && exec env $(app_env "$db") QUARKUS_HTTP_PORT="$APP_PORT" ${BENCH_APP_ENV:-} "$@" \
        java $JAVA_OPTS -jar "$JAR" >"$APP_LOG" 2>&1) &
    APP_PID=$!
    at_exit "kill -9 $APP_PID"
    local i
    for ((i = 0; i < 600; i++)); do
        if curl -fsS -o /dev/null "$APP_URL/q/health/ready" 2>/dev/null; then
            log "app pid $APP_PID ready on $APP_URL (db $db) after $((i / 10)).$((i % 10)) s"
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; die "app exited during start"; }
        sleep 0.1
    done
    tail -30 "$APP_LOG" >&2
    die "app not ready after 60 s"
}

# stop_app — SIGTERM, wait up to 2 s, then SIGKILL (measurements are over by then; the prod profile's
# 5 s shutdown delay would only slow the scripts down; the graceful-shutdown drill tests SIGTERM itself).
stop_app() {
    [[ -n ${APP_PID:-} ]] || return 0
    kill -TERM "$APP_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 20; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
}

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
# CPU time (user + system, ms) a live process has used: unlike wall time, barely moved by other
# processes competing for the cores.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d\n", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

# wait_ready start-ns — prints the ms from start-ns to the first 200 on $URL/q/health/ready; dies when
# $APP_PID exits first (showing $WORK/app.log) or after 180 s (a busy 2-core machine can take a minute).
wait_ready() {
    local code deadline=$((SECONDS + 180))
    while ((SECONDS < deadline)); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/q/health/ready" || true)
        if [[ $code == 200 ]]; then ms_since "$1"; return 0; fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$WORK/app.log" >&2; die "the service exited"; }
        sleep 0.005
    done
    die "not ready after 180 s"
}

# ---- tokens -------------------------------------------------------------------------
# mint_tokens file count roles [sub-format] — "sub<TAB>token" lines, signed with the dev key.
# (Tokens.java is compiled once into a cache keyed by its content: a JVM start instead of a compile each time.)
mint_tokens() {
    local file=$1 count=$2 roles=$3 fmt=${4:-} lifetime=${5:-86400} cache
    cache=/tmp/aegis-bench-tools-$(sha1sum "$BENCH_DIR/tools/Tokens.java" | cut -c1-12)
    if [[ ! -f $cache/Tokens.class ]]; then
        mkdir -p "$cache.tmp.$$" && javac -d "$cache.tmp.$$" "$BENCH_DIR/tools/Tokens.java" && mv -T "$cache.tmp.$$" "$cache" 2>/dev/null || rm -rf "$cache.tmp.$$"
    fi
    java -cp "$cache" Tokens "$PRIVKEY" "$count" "$roles" "$fmt" "$lifetime" >"$file"
}

# member id for number n — the same shape everywhere (38 characters, like "m-" + a UUID).
member_id() { printf 'm-00000000-0000-4000-8000-%012d' "$1"; }

# ---- results ------------------------------------------------------------------------
median() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "nan"} else if(NR%2){print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

RESULT_FAILS=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; RESULT_FAILS=$((RESULT_FAILS + 1)); }
# check name condition-as-awk-expression detail — prints PASS/FAIL name detail.
check() {
    local name=$1 cond=$2 detail=$3
    if awk "BEGIN{exit !($cond)}"; then pass "$name: $detail"; else fail "$name: $detail"; fi
}

# ---- a private PostgreSQL cluster (for drills that stop the database) ------------------------
# start_private_pg — initdb + start a throw-away cluster on a free port; exports PGPORT for the rest
# of the script (every helper above then uses it). Removed on exit. Only this cluster is ever stopped.
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
_as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_private_pg() {
    [[ -z ${PRIVATE_PGDATA:-} ]] || return 0
    PRIVATE_PGDATA=$WORK/pgdata
    chmod 755 "$WORK"
    mkdir -p "$PRIVATE_PGDATA"
    [[ $(id -u) -eq 0 ]] && chown postgres "$PRIVATE_PGDATA"
    _as_pg "$PG_BIN/initdb" -A trust -U postgres -D "$PRIVATE_PGDATA" >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    PGPORT=$(free_port); export PGPORT
    PRIVATE_PG_OPTS="-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$PRIVATE_PGDATA -c max_connections=200 -c fsync=on"
    at_exit "_as_pg $PG_BIN/pg_ctl -D $PRIVATE_PGDATA -m immediate stop"
    pg_start_private
    log "private PostgreSQL cluster on 127.0.0.1:$PGPORT ($PRIVATE_PGDATA)"
}
pg_start_private() {
    _as_pg "$PG_BIN/pg_ctl" -D "$PRIVATE_PGDATA" -o "$PRIVATE_PG_OPTS" -l "$PRIVATE_PGDATA/server.log" -w -t 60 start >/dev/null
}
pg_stop_private() { _as_pg "$PG_BIN/pg_ctl" -D "$PRIVATE_PGDATA" -m "${1:-fast}" -w stop >/dev/null; }
now() { date +%s.%N; }

# app_for_drill prefix — the drill's app: the shared one when ci-drills.sh (or anyone) exported
# BENCH_APP_URL, BENCH_APP_PID and BENCH_DB (several drills then run against one app start), else a new
# database, migrated, and a new app. Sets DB, APP_URL, APP_PID, APP_LOG.
app_for_drill() {
    if [[ -n ${BENCH_APP_URL:-} ]]; then
        DB=$BENCH_DB; APP_URL=$BENCH_APP_URL; APP_PID=$BENCH_APP_PID; APP_LOG=${BENCH_APP_LOG:-/dev/null}
        log "using the shared app $APP_URL (pid $APP_PID, db $DB)"
    else
        new_db "$1"
        migrate_db "$DB"
        start_app "$DB"
    fi
}

# BENCH_PRIVATE_PG=1: run this script against a throw-away cluster of its own (initdb defaults,
# max_connections=200) instead of the shared one — no other tests in the way, and none disturbed.
if [[ ${BENCH_PRIVATE_PG:-} == 1 ]]; then start_private_pg; fi
