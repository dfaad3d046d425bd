#!/usr/bin/env bash
# Growth: does page cost stay flat as security_logs grows from 10,000 to 10,000,000 rows?
#
#   ./mvnw package -DskipTests && bench/growth.sh [--large-members 1000000] [--per 10] [--rate 100] [--duration 20]
#
# 1. fills 1,000 members x 10 entries (+ 1 PENDING bill each) with set-based SQL (bench/sql/fill.sql),
#    measures p50/p99 of a security-log page and of an approvals page over HTTP at a fixed rate
#    (wrk, 1,000 members' tokens), and the write throughput (POST scam-calls, 32 connections);
# 2. fills up to LARGE members (default 1,000,000 → 10,000,000 entries), measures the same again
#    (the measured members are spread over the whole table) and prints both side by side;
# 3. writes a valid 100,000-entry chain for one member (bench/tools/gen_chain.py) and times
#    GET /api/v1/security-logs/verify for it (hyperfine, 5 runs);
# 4. prints table and index sizes and bytes per row (pg_total_relation_size) and EXPLAIN ANALYZE of
#    both page queries at each size.
. "$(dirname "$0")/lib/common.sh"
LARGE=1000000; PER=10; SMALL=1000; RATE=100; DURATION=20; WARMUP=10; CONNS=4; VERIFY_ENTRIES=100000; WRITE_S=20
while (($#)); do
    case $1 in
        --large-members) LARGE=$2; shift 2 ;;
        --per) PER=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --verify-entries) VERIFY_ENTRIES=$2; shift 2 ;;
        --write-seconds) WRITE_S=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools wrk:wrk hyperfine:hyperfine bc:bc curl:curl python3:python3
need_jar
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/growth-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1
echo "# bench/growth.sh --large-members $LARGE --per $PER --rate $RATE --duration $DURATION --verify-entries $VERIFY_ENTRIES"
machine_info
new_db growth
migrate_db "$DB"

fill() { # lo hi → prints rows/s
    local lo=$1 hi=$2 t0 t1 rows
    t0=$(now)
    psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v lo="$lo" -v hi="$hi" -v per="$PER" -f "$BENCH_DIR/sql/fill.sql"
    t1=$(now)
    rows=$(((hi - lo + 1) * PER))
    printf 'FILL members %d..%d: %d entries (+%d approvals, %d heads) in %.1f s = %.0f entries/s (psql -v lo=%d -v hi=%d -v per=%d -f bench/sql/fill.sql)\n' \
        "$lo" "$hi" "$rows" "$((hi - lo + 1))" "$((hi - lo + 1))" "$(echo "$t1 - $t0" | bc)" "$(echo "$rows / ($t1 - $t0)" | bc -l)" "$lo" "$hi" "$PER"
}

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }
wrk_read() { # only(logs|approvals) seconds tokens
    TOKENS=$3 BENCH_WRK_DIR="$BENCH_DIR/wrk" EXPECT=200 READ_ONLY=$1 RATE=$RATE CONNS=$CONNS \
        wrk -t 1 -c "$CONNS" -d "${2}s" --timeout 10s -s "$BENCH_DIR/wrk/reads.lua" "$APP_URL" | grep '^RESULT'
}

explain() { # member
    local m=$1
    echo "-- EXPLAIN (ANALYZE, BUFFERS) security-log page, member $m"
    psql_db "$DB" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM security_logs WHERE member_id = '$m' ORDER BY seq DESC LIMIT 21" | sed 's/^/   /'
    echo "-- EXPLAIN (ANALYZE, BUFFERS) approvals page, member $m"
    psql_db "$DB" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT * FROM pending_approvals WHERE member_id = '$m' AND status = 'PENDING' ORDER BY created_at, id LIMIT 21" | sed 's/^/   /'
}

measure() { # label stride
    local label=$1 stride=$2 rows
    psql_db "$DB" -c "VACUUM ANALYZE security_logs" -c "VACUUM ANALYZE pending_approvals" -c "VACUUM ANALYZE member_chains"
    rows=$(psql_db "$DB" -c "SELECT count(*) FROM security_logs")
    STRIDE=$stride mint_tokens "$WORK/tokens-$label.tsv" "$SMALL" member
    start_app "$DB"
    wrk_read logs "$WARMUP" "$WORK/tokens-$label.tsv" >/dev/null   # warm-up (JIT, connection pool, caches)
    wrk_read approvals "$WARMUP" "$WORK/tokens-$label.tsv" >/dev/null
    local logs approvals writes
    logs=$(wrk_read logs "$DURATION" "$WORK/tokens-$label.tsv")
    approvals=$(wrk_read approvals "$DURATION" "$WORK/tokens-$label.tsv")
    writes=$(TOKENS="$WORK/tokens-$label.tsv" BENCH_WRK_DIR="$BENCH_DIR/wrk" wrk -t 2 -c 32 -d "${WRITE_S}s" --timeout 10s \
        -s "$BENCH_DIR/wrk/scam-calls.lua" "$APP_URL" | grep '^RESULT')
    stop_app
    eval "${label}_rows=$rows"
    eval "${label}_logs_p50=$(field p50_ms "$logs") ${label}_logs_p99=$(field p99_ms "$logs")"
    eval "${label}_appr_p50=$(field p50_ms "$approvals") ${label}_appr_p99=$(field p99_ms "$approvals")"
    eval "${label}_writes=$(field rps "$writes")"
    printf 'SIZE %s: %s entries | log page p50 %s ms p99 %s ms (%s req/s, %s bad) | approvals page p50 %s ms p99 %s ms (%s req/s, %s bad) | writes %s req/s (%s not 201)\n' \
        "$label" "$rows" "$(field p50_ms "$logs")" "$(field p99_ms "$logs")" "$(field rps "$logs")" "$(field bad "$logs")" \
        "$(field p50_ms "$approvals")" "$(field p99_ms "$approvals")" "$(field rps "$approvals")" "$(field bad "$approvals")" \
        "$(field rps "$writes")" "$(field bad "$writes")"
    explain "$(member_id "$stride")"
}

echo "## pages measured with: RATE=$RATE CONNS=$CONNS READ_ONLY=logs|approvals wrk -t1 -c$CONNS -d${DURATION}s -s bench/wrk/reads.lua (GET /api/v1/security-logs?limit=20, GET /api/v1/approvals?status=PENDING&limit=20, as $SMALL members)"
echo "## writes measured with: wrk -t2 -c32 -d${WRITE_S}s -s bench/wrk/scam-calls.lua"
fill 1 "$SMALL"
measure small 1
fill $((SMALL + 1)) "$LARGE"
measure large $((LARGE / SMALL))

sizes() {
    psql_db "$DB" -F ' | ' -c "SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)), pg_relation_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't')
         AND (c.relname LIKE '%security_logs%' OR c.relname LIKE '%approvals%' OR c.relname LIKE '%member_chains%')
       ORDER BY pg_relation_size(c.oid) DESC"
    psql_db "$DB" -F ' | ' -c "SELECT 'security_logs total (heap+toast+indexes)', pg_size_pretty(pg_total_relation_size('security_logs')),
        round(pg_total_relation_size('security_logs')::numeric / count(*)), 'bytes/entry total',
        round(pg_relation_size('security_logs')::numeric / count(*)), 'bytes/entry heap',
        round(avg(pg_column_size(s.*))), 'bytes/entry tuple' FROM security_logs s"
    psql_db "$DB" -F ' | ' -c "SELECT 'pending_approvals total', pg_size_pretty(pg_total_relation_size('pending_approvals')),
        round(pg_total_relation_size('pending_approvals')::numeric / count(*)), 'bytes/approval' FROM pending_approvals"
}
echo
echo "## sizes at $large_rows entries (pg_relation_size / pg_total_relation_size):"
sizes

echo
echo "## verify: a valid chain of $VERIFY_ENTRIES entries for one member (bench/tools/gen_chain.py), then"
VM="m-verify-$RUN_TAG"
python3 "$BENCH_DIR/tools/gen_chain.py" "$DB" "$VM" "$VERIFY_ENTRIES"
mint_tokens "$WORK/verify.tsv" 1 member "$VM"
start_app "$DB"
VT=$(cut -f2 "$WORK/verify.tsv")
curl -fsS -H "Authorization: Bearer $VT" "$APP_URL/api/v1/security-logs/verify?memberId=$VM" | tee "$WORK/verify.json"; echo
hyperfine --runs 5 --warmup 1 --export-json "$WORK/verify-hf.json" \
    "curl -fsS -o /dev/null -H 'Authorization: Bearer $VT' '$APP_URL/api/v1/security-logs/verify?memberId=$VM'" >/dev/null
vmed=$(python3 -c "import json,sys; r=json.load(open('$WORK/verify-hf.json'))['results'][0]; print('%.0f ms median, %.0f..%.0f ms over %d runs' % (r['median']*1000, r['min']*1000, r['max']*1000, len(r['times'])))")
echo "VERIFY $VERIFY_ENTRIES entries: $vmed; answer $(cat "$WORK/verify.json") (hyperfine --runs 5 --warmup 1 \"curl … /api/v1/security-logs/verify?memberId=…\")"
echo "VERIFY peak app RSS after: $(($(rss_kb "$APP_PID") / 1024)) MiB"
stop_app

ratio() { echo "scale=2; $1 / $2" | bc; }
echo
echo "SUMMARY growth $small_rows → $large_rows entries:"
echo "  log page       p50 ${small_logs_p50} → ${large_logs_p50} ms (x$(ratio "$large_logs_p50" "$small_logs_p50")), p99 ${small_logs_p99} → ${large_logs_p99} ms (x$(ratio "$large_logs_p99" "$small_logs_p99"))"
echo "  approvals page p50 ${small_appr_p50} → ${large_appr_p50} ms (x$(ratio "$large_appr_p50" "$small_appr_p50")), p99 ${small_appr_p99} → ${large_appr_p99} ms (x$(ratio "$large_appr_p99" "$small_appr_p99"))"
echo "  writes         ${small_writes} → ${large_writes} req/s (x$(ratio "$large_writes" "$small_writes"))"
for pair in "logs_p50" "logs_p99" "appr_p50" "appr_p99"; do
    s=small_$pair; l=large_$pair
    check "growth $pair within 1.5x" "${!l} <= 1.5 * ${!s}" "${!s} ms at $small_rows entries, ${!l} ms at $large_rows"
done
echo "results in $OUT"
