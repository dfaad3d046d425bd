#!/usr/bin/env bash
# Where does the app's CPU go per request? Runs POST /api/v1/scam-calls (wrk, 32 connections, 1,000
# members) against the packaged app after a warm-up, and meanwhile
#   * sums the CPU time of every JVM thread group (executor threads, event loops, JIT compilers, GC) from
#     /proc/<pid>/task/*/stat, per request;
#   * the CPU time of PostgreSQL's backends for the app's database, per request;
#   * records a JFR execution-sample profile and prints the share of samples by component
#     (JWT, Hibernate, JDBC driver, Jackson, Narayana, Vert.x/Netty, the service's own code …).
#
#   ./mvnw package -DskipTests && bench/profile.sh [--duration 30] [--warmup 20] [--conns 32]
. "$(dirname "$0")/lib/common.sh"
DURATION=30; WARMUP=20; CONNS=32; SCRIPT=scam-calls.lua
while (($#)); do
    case $1 in
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        --script) SCRIPT=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk python3:python3
need_jar
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/profile-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1
echo "# bench/profile.sh --duration $DURATION --warmup $WARMUP --conns $CONNS --script $SCRIPT"
machine_info
new_db profile
migrate_db "$DB"
mint_tokens "$WORK/members.tsv" 1000 member
start_app "$DB"
run_wrk() { env TOKENS="$WORK/members.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" wrk -t 2 -c "$CONNS" -d "${1}s" --timeout 10s \
    -s "$BENCH_DIR/wrk/$SCRIPT" "$APP_URL" | grep '^RESULT'; }
run_wrk "$WARMUP" >/dev/null
threads() {
    for t in /proc/"$APP_PID"/task/*; do
        printf '%s %s\n' "$(tr ' ' '_' <"$t/comm" | sed -E 's/[-_#]*[0-9]+$//')" "$(awk '{print $14 + $15}' "$t/stat")"
    done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
pg_cpu() { # CPU ticks of this database's backends (the pool keeps them alive through the run)
    local pids; pids=$(psql -XAtq -d postgres -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '$DB'")
    local p s=0; for p in $pids; do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s
}
threads >"$WORK/t0"; pg0=$(pg_cpu)
jcmd "$APP_PID" JFR.start name=bench settings=default filename="$WORK/run.jfr" >/dev/null
res=$(run_wrk "$DURATION")
jcmd "$APP_PID" JFR.stop name=bench >/dev/null
threads >"$WORK/t1"; pg1=$(pg_cpu)
reqs=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$res")
echo "LOAD wrk -t2 -c$CONNS -d${DURATION}s -s bench/wrk/$SCRIPT → $res"
echo "## CPU per request (ms), by thread group of the JVM, over $reqs requests"
join "$WORK/t0" "$WORK/t1" | awk -v n="$reqs" '{d = ($3 - $2) * 10; if (d > 0) {printf "  %-24s %7.3f ms\n", $1, d / n; t += d}} END {printf "  %-24s %7.3f ms\n", "JVM total", t / n}'
echo "  PostgreSQL backends      $(echo "$pg0 $pg1 $reqs" | awk '{printf "%7.3f ms", ($2 - $1) * 10 / $3}') (this database's connections only)"
echo "## JFR execution samples by component (share of samples whose stack contains it; top frame share)"
jfr print --events jdk.ExecutionSample "$WORK/run.jfr" >"$WORK/samples.txt"
python3 - "$WORK/samples.txt" <<'PY'
import collections, re, sys
text = open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]
groups = [("JWT parse/verify (smallrye-jwt, jose4j, RSA)", ("io.smallrye.jwt", "org.jose4j", "sun.security.rsa")),
          ("Hibernate ORM", ("org.hibernate",)), ("PostgreSQL JDBC driver", ("org.postgresql",)),
          ("Agroal pool", ("io.agroal",)), ("Narayana JTA", ("com.arjuna", "io.quarkus.narayana")),
          ("Jackson JSON", ("com.fasterxml.jackson",)), ("Bean Validation", ("org.hibernate.validator",)),
          ("RESTEasy Reactive", ("org.jboss.resteasy.reactive", "io.quarkus.resteasy.reactive")),
          ("Vert.x / Netty", ("io.vertx", "io.netty")), ("the service's code (com.aegis)", ("com.aegis",)),
          ("SHA-256 / MessageDigest", ("sun.security.provider.SHA", "java.security.MessageDigest")),
          ("Micrometer", ("io.micrometer",)), ("logging", ("org.jboss.logmanager", "org.jboss.logging"))]
incl, top, n = collections.Counter(), collections.Counter(), 0
for e in text:
    frames = re.findall(r"^\s+([\w.$<>/]+)\.[\w$<>]+\(", e, re.M)
    if not frames:
        continue
    n += 1
    for name, prefixes in groups:
        if any(f.startswith(prefixes) for f in frames):
            incl[name] += 1
    top[frames[0]] += 1
print("  %d samples" % n)
for name, _ in groups:
    if incl[name]:
        print("  %-48s %5.1f%%" % (name, 100.0 * incl[name] / n))
print("  top frames:")
for f, c in top.most_common(8):
    print("    %5.1f%% %s" % (100.0 * c / n, f))
PY
echo "results in $OUT"
