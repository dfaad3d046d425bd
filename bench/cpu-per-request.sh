#!/usr/bin/env bash
# Where the 2 cores go, per scam call, in ONE run: the service (this build, and optionally a previous build
# for before/after), and pgbench running the same statements (bench/sql/ceiling-scam-call.sql) as the
# ceiling. For each: requests/s, service (JVM) CPU per request, PostgreSQL CPU per request (every process of
# a private cluster: backends, WAL writer, checkpointer — the cluster serves nothing else) and load-generator
# CPU per request (wrk or pgbench, from /usr/bin/time), in the first 10 s after the app answers ready
# ("cold") and after a warm-up ("warm"). Then what PostgreSQL received per scam call (pg_stat_statements,
# loaded in the private cluster only), and the ratio of each build's warm requests/s to the previous build's.
#
#   ./mvnw package -DskipTests && bench/cpu-per-request.sh [--baseline DIR] [--runs 2] [--duration 30] [--warmup 30]
#       --baseline DIR   a previous build's target/quarkus-app (copy it away before rebuilding), measured in the
#                        same run, alternating with this build, for before/after figures
#       --cold 10        length of the first window after ready
#       --this-env "VAR=value ..."  configuration for this build only (e.g. the settings it ships, to measure them
#                        on a jar built before they were added)
#
# CPU is read from /proc/<pid>/stat (utime+stime; for PostgreSQL the postmaster's cutime+cstime too, which
# collects the CPU of backends that exited). The load generator shares the 2 cores: its CPU is printed so
# that service + PostgreSQL + load generator account for what the machine did. Everything also goes to $OUT.
BENCH_PRIVATE_PG=1
. "$(dirname "$0")/lib/common.sh"
BASELINE=""; THIS_ENV=""; RUNS=2; DURATION=30; WARMUP=30; COLD=10; CONNS=32; MEMBERS=1000
while (($#)); do
    case $1 in
        --baseline) BASELINE=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --cold) COLD=$2; shift 2 ;;
        --this-env) THIS_ENV=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk pgbench:postgresql-client bc:bc curl:curl /usr/bin/time:time
need_jar
[[ -z $BASELINE || -f $BASELINE/quarkus-run.jar ]] || die "no $BASELINE/quarkus-run.jar"
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/cpu-per-request-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1
echo "# bench/cpu-per-request.sh ${BASELINE:+--baseline $BASELINE }${THIS_ENV:+--this-env \"$THIS_ENV\" }--runs $RUNS --duration $DURATION --warmup $WARMUP --cold $COLD --conns $CONNS"
machine_info
echo "private cluster: $PG_BIN, port $PGPORT"

# pg_stat_statements needs a restart of this private cluster only, with the library preloaded.
PRIVATE_PG_OPTS="$PRIVATE_PG_OPTS -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
pg_stop_private fast && pg_start_private

THIS_JAR=$JAR
declare -A BUILD=([this]=$THIS_JAR) BUILD_ENV=([this]=$THIS_ENV [previous]="")
ORDER="this"
if [[ -n $BASELINE ]]; then BUILD[previous]=$BASELINE/quarkus-run.jar; ORDER="previous this"; fi
mint_tokens "$WORK/members.tsv" "$MEMBERS" member

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { # the whole private cluster: postmaster (with reaped children) + live children
    local pm s c; pm=$(head -1 "$PRIVATE_PGDATA/postmaster.pid")
    s=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for c in $(pgrep -P "$pm"); do s=$((s + $(ticks "$c"))); done
    echo "$s"
}
HZ=$(getconf CLK_TCK)
ms_per() { echo "$1 $2" | awk -v hz="$HZ" '{printf "%.3f", ($2 > 0 ? $1 * 1000 / hz / $2 : 0)}'; }
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

TEMPLATE=""
fresh_db() { # a migrated database with every member's chain head, as the first append leaves it (copied
    # from a template migrated once: `migrate` takes a minute on a busy machine)
    if [[ -z $TEMPLATE ]]; then
        new_db cputemplate; TEMPLATE=$DB
        migrate_db "$TEMPLATE"
        psql_db "$TEMPLATE" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
        psql_db "$TEMPLATE" -c "INSERT INTO member_chains (member_id, last_seq, last_hash)
          SELECT 'm-00000000-0000-4000-8000-' || lpad(g::text, 12, '0'), 0, repeat('0', 64) FROM generate_series(1, $MEMBERS) g"
    fi
    DB="bench_cpu_${RUN_TAG}_$RANDOM"
    psql -XAtq -d postgres -c "CREATE DATABASE $DB TEMPLATE $TEMPLATE" >/dev/null
}

# window label seconds → one line of figures; wrk against the running app
wrk_window() {
    local label=$1 secs=$2 j0 p0 j1 p1 res reqs
    j0=$(ticks "$APP_PID"); p0=$(pg_ticks)
    res=$(env TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" EXPECT=201 \
        /usr/bin/time -f '%U %S' -o "$WORK/lg.time" wrk -t 2 -c "$CONNS" -d "${secs}s" --timeout 10s \
        -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" | grep '^RESULT')
    j1=$(ticks "$APP_PID"); p1=$(pg_ticks)
    reqs=$(field requests "$res"); LAST_REQS=$reqs
    local lg; lg=$(awk -v hz="$HZ" '{printf "%d", ($1 + $2) * hz}' "$WORK/lg.time")
    printf 'ROW %-9s %-5s %8.0f req/s  service %s ms  postgres %s ms  load-gen %s ms  per request  (p99 %s ms, %s not 201, %s socket errors)\n' \
        "$label" "$3" "$(field rps "$res")" "$(ms_per $((j1 - j0)) "$reqs")" "$(ms_per $((p1 - p0)) "$reqs")" \
        "$(ms_per "$lg" "$reqs")" "$(field p99_ms "$res")" "$(field bad "$res")" "$(field socket_errors "$res")"
    echo "$label $3 $(field rps "$res")" >>"$WORK/rps"
}

pgbench_window() {
    local secs=$1 kind=$2 p0 p1 tx
    p0=$(pg_ticks)
    /usr/bin/time -f '%U %S' -o "$WORK/lg.time" pgbench -n -M prepared -D members="$MEMBERS" -c "$CONNS" -j 2 -T "$secs" \
        -f "$BENCH_DIR/sql/ceiling-scam-call.sql" "$DB" >"$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out"; die "pgbench failed"; }
    p1=$(pg_ticks)
    tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench.out")
    local lg; lg=$(awk -v hz="$HZ" '{printf "%d", ($1 + $2) * hz}' "$WORK/lg.time")
    printf 'ROW %-9s %-5s %8.0f tx/s   service   -      postgres %s ms  load-gen %s ms  per request\n' \
        pgbench "$kind" "$(echo "$tx / $secs" | bc -l)" "$(ms_per $((p1 - p0)) "$tx")" "$(ms_per "$lg" "$tx")"
    echo "pgbench $kind $(echo "$tx / $secs" | bc -l)" >>"$WORK/rps"
}

statements() { # what PostgreSQL received per scam call during the warm window
    local reqs=$1
    echo "STATEMENTS received per scam call (pg_stat_statements, warm window, $reqs requests):"
    psql_db "$DB" -F ' | ' -c "SELECT to_char(calls::numeric / $reqs, 'FM990.00') || ' x', left(regexp_replace(query, '\s+', ' ', 'g'), 150)
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query !~* 'pg_stat_statements' ORDER BY calls DESC LIMIT 12" | sed 's/^/    /'
}

: >"$WORK/rps"
for ((r = 1; r <= RUNS; r++)); do
    echo
    echo "## run $r (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    fresh_db
    pgbench_window "$COLD" cold
    pgbench_window "$DURATION" warm
    for b in $ORDER; do
        JAR=${BUILD[$b]}
        fresh_db
        start_app "$DB" ${BUILD_ENV[$b]}
        wrk_window "$b" "$COLD" cold           # the first seconds after ready: JIT compiling, caches empty
        env TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" wrk -t 2 -c "$CONNS" -d "${WARMUP}s" --timeout 10s \
            -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" >/dev/null
        psql_db "$DB" -c "SELECT pg_stat_statements_reset()" >/dev/null
        wrk_window "$b" "$DURATION" warm
        if ((r == 1)); then statements "$LAST_REQS"; fi
        stop_app
        JAR=$THIS_JAR
    done
done
echo
echo "## medians over $RUNS runs (requests/s)"
for k in cold warm; do
    for b in pgbench $ORDER; do
        printf 'MEDIAN %-9s %-5s %8.0f\n' "$b" "$k" "$(awk -v b="$b" -v k="$k" '$1 == b && $2 == k {print $3}' "$WORK/rps" | median)"
    done
done
if [[ -n $BASELINE ]]; then
    for k in cold warm; do
        prev=$(awk -v k="$k" '$1 == "previous" && $2 == k {print $3}' "$WORK/rps" | median)
        this=$(awk -v k="$k" '$1 == "this" && $2 == k {print $3}' "$WORK/rps" | median)
        printf 'RATIO %s: this build / previous build = %.2f; at the last Spring Boot comparison Aegis was 1.30x Spring, so if Spring is unchanged: %.2fx Spring (an extrapolation, see docs/PERFORMANCE.md)\n' \
            "$k" "$(echo "$this / $prev" | bc -l)" "$(echo "1.30 * $this / $prev" | bc -l)"
    done
fi
echo "results in $OUT"
