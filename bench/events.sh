#!/usr/bin/env bash
# Events (GET /api/v1/events and the RabbitMQ relay), measured on the packaged app (prod profile,
# AEGIS_EVENTS_PUBLISH=true) against this machine's PostgreSQL and RabbitMQ (127.0.0.1:5672, guest/guest):
#   1. commit -> SSE and commit -> broker confirm latency (p50/p99) at RATE held transactions/s for DURATION s;
#   2. STREAMS concurrent SSE streams on one pod: heap and RSS per stream, CPU while they sit idle;
#   3. the relay's throughput: EVENTS events put in the outbox while no pod relays, then drained by one pod.
# A queue of its own (auto-deleted at the end) is bound to aegis.events, so the broker really stores the
# persistent messages (confirms of unroutable messages would be cheaper than real ones).
#
#   ./mvnw package -DskipTests && bench/events.sh [--rate 200] [--duration 30] [--streams 1000] [--events 20000]
. "$(dirname "$0")/lib/common.sh"
RATE=200; DURATION=30; STREAMS=1000; EVENTS=20000; IDLE=30
while (($#)); do
    case $1 in
        --rate) RATE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --streams) STREAMS=$2; shift 2 ;;
        --events) EVENTS=$2; shift 2 ;;
        --idle) IDLE=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_jar
need_rabbitmqadmin
mkdir -p "$BENCH_DIR/results"
OUT=${OUT:-$BENCH_DIR/results/events-$(date -u +%Y%m%dT%H%M%SZ).txt}
exec > >(tee -a "$OUT") 2>&1
echo "# bench/events.sh --rate $RATE --duration $DURATION --streams $STREAMS --events $EVENTS"
machine_info
echo "rabbitmq: $(rabbitmqctl -q version 2>/dev/null || echo '?')"

QUEUE="aegis-bench-events-$RUN_TAG"
rabbitmqadmin -q declare exchange name=aegis.events type=topic durable=true
rabbitmqadmin -q declare queue name="$QUEUE" durable=true auto_delete=false
rabbitmqadmin -q declare binding source=aegis.events destination="$QUEUE" routing_key='#'
at_exit "rabbitmqadmin -q delete queue name=$QUEUE"

mint_tokens "$WORK/members.tsv" 200 member "m-events-$RUN_TAG-%04d"
mint_tokens "$WORK/admin.tsv" 1 admin "ops-events-$RUN_TAG-%d"
mint_tokens "$WORK/advocates.tsv" "$STREAMS" advocate "a-events-$RUN_TAG-%04d"
new_db events
migrate_db "$DB"

# --- 1. latency at RATE held transactions/s ---------------------------------------------------------------
start_app "$DB" AEGIS_EVENTS_PUBLISH=true
python3 "$BENCH_DIR/tools/events_bench.py" latency "$APP_URL" "$WORK/members.tsv" "$(cut -f2 "$WORK/admin.tsv")" \
    --rate "$RATE" --duration "$DURATION" | tee "$WORK/latency.json"
for _ in $(seq 60); do
    [[ $(psql_db "$DB" -c "SELECT count(*) FROM event_outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 1
done
echo "INFO commit -> broker confirm (published_at - occurredAt, approval.requested): $(psql_db "$DB" -c "
    SELECT 'p50 ' || round(1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric, 1)
        || ' ms, p99 ' || round(1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY published_at - occurred_at))::numeric, 1)
        || ' ms, unpublished ' || count(*) FILTER (WHERE published_at IS NULL) || ' of ' || count(*)
    FROM event_outbox WHERE type = 'approval.requested'")"
echo "INFO messages on the bound queue: $(rabbitmqctl -q list_queues name messages | awk -v q="$QUEUE" '$1 == q {print $2}')"
stop_app

# --- 2. STREAMS concurrent streams, idle --------------------------------------------------------------------
start_app "$DB"
heap_kb() { jcmd "$APP_PID" GC.run >/dev/null 2>&1; sleep 1; jcmd "$APP_PID" GC.heap_info 2>/dev/null | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); print v; exit}}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
sleep 5
heap0=$(heap_kb); rss0=$(rss_kb "$APP_PID")
t0=$(cpu_ticks); sleep "$IDLE"; idle0=$(( $(cpu_ticks) - t0 ))
python3 "$BENCH_DIR/tools/events_bench.py" streams "$APP_URL" "$WORK/advocates.tsv" --count "$STREAMS" \
    --hold $((IDLE + 25)) --pidfile "$WORK/streams.open" > "$WORK/streams.json" &
STREAMS_PID=$!
for _ in $(seq 600); do [[ -f $WORK/streams.open ]] && break; sleep 0.1; done
[[ -f $WORK/streams.open ]] || die "the streams did not open"
sleep 3
heap1=$(heap_kb); rss1=$(rss_kb "$APP_PID")
t1=$(cpu_ticks); sleep "$IDLE"; idle1=$(( $(cpu_ticks) - t1 ))
threads=$(ls "/proc/$APP_PID/task" | wc -l)
wait "$STREAMS_PID"
cat "$WORK/streams.json"
hz=$(getconf CLK_TCK)
awk -v n="$STREAMS" -v h0="$heap0" -v h1="$heap1" -v r0="$rss0" -v r1="$rss1" -v c0="$idle0" -v c1="$idle1" -v hz="$hz" -v s="$IDLE" -v th="$threads" 'BEGIN {
    printf "INFO %d open streams: heap after GC %.1f -> %.1f MiB (%.1f KiB per stream), RSS %.1f -> %.1f MiB (%.1f KiB per stream), %d JVM threads\n", n, h0/1024, h1/1024, (h1-h0)/n, r0/1024, r1/1024, (r1-r0)/n, th
    printf "INFO idle CPU: %.2f%% of one core without streams, %.2f%% with %d streams (over %d s each)\n", 100*c0/hz/s, 100*c1/hz/s, n, s
}'
stop_app

# --- 3. relay throughput ---------------------------------------------------------------------------------
log "putting $EVENTS events in the outbox with no relay running"
psql_db "$DB" -c "INSERT INTO event_outbox (id, insert_seq, type, member_id, occurred_at, payload)
    SELECT gen_random_uuid(), nextval('event_outbox_insert_seq'), 'approval.requested', 'm-relay-' || (g % 500), now(),
           '{\"type\":\"approval.requested\",\"memberId\":\"m-relay-' || (g % 500) || '\",\"advocateIds\":[],\"approval\":{\"payee\":\"'
           || repeat('x', 400) || '\"}}'
    FROM generate_series(1, $EVENTS) g"
start_app "$DB" AEGIS_EVENTS_PUBLISH=true
for _ in $(seq 600); do
    [[ $(psql_db "$DB" -c "SELECT count(*) FROM event_outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 0.5
done
echo "INFO relay: $(psql_db "$DB" -c "
    SELECT count(*) || ' events published in ' || round(extract(epoch FROM max(published_at) - min(published_at))::numeric, 2)
        || ' s = ' || round(count(*) / greatest(extract(epoch FROM max(published_at) - min(published_at)), 0.001)::numeric, 0) || ' events/s'
    FROM event_outbox WHERE member_id LIKE 'm-relay-%'")"
stop_app
