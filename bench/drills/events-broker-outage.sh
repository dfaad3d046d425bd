#!/usr/bin/env bash
# Drill: the broker is away for OUTAGE seconds while members post transactions (10 % held). The packaged
# app (AEGIS_EVENTS_PUBLISH=true) reaches RabbitMQ through bench/tools/tcp_proxy.py, which the drill cuts
# (every connection dropped, new ones refused) — the shared broker itself is never stopped. A queue of the
# drill's own is bound to aegis.events. Every second: aegis_events_pending and /q/health/ready.
# PASS/FAIL: every request answered 2xx; readiness UP throughout; pending rose during the outage and fell
# back to 0 afterwards; a deduplicating consumer sees every committed event exactly once per message_id,
# in order per member.
#
#   ./mvnw package -DskipTests && bench/drills/events-broker-outage.sh [--outage 30] [--before 10] [--after 20] [--rate 20]
. "$(dirname "$0")/../lib/common.sh"
OUTAGE=30; BEFORE=10; AFTER=20; RATE=20
while (($#)); do
    case $1 in
        --outage) OUTAGE=$2; shift 2 ;;
        --before) BEFORE=$2; shift 2 ;;
        --after) AFTER=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_rabbitmqadmin
need_jar
echo "# bench/drills/events-broker-outage.sh --outage $OUTAGE --before $BEFORE --after $AFTER --rate $RATE"
machine_info
QUEUE="aegis-drill-outage-$RUN_TAG"
rabbitmqadmin -q declare exchange name=aegis.events type=topic durable=true
rabbitmqadmin -q declare queue name="$QUEUE" durable=false auto_delete=false
rabbitmqadmin -q declare binding source=aegis.events destination="$QUEUE" routing_key='#'
at_exit "rabbitmqadmin -q delete queue name=$QUEUE"
PROXY_PORT=$(free_port)
echo up > "$WORK/proxy.control"
python3 "$BENCH_DIR/tools/tcp_proxy.py" "$PROXY_PORT" 5672 "$WORK/proxy.control" &
at_exit "kill $!"
mint_tokens "$WORK/members.tsv" 20 member "m-outage-$RUN_TAG-%02d"
new_db outage
migrate_db "$DB"
start_app "$DB" AEGIS_EVENTS_PUBLISH=true RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT="$PROXY_PORT"

TOTAL=$((BEFORE + OUTAGE + AFTER))
python3 "$BENCH_DIR/tools/loadgen.py" "$APP_URL" "$WORK/members.tsv" --duration "$TOTAL" --threads 4 --rate "$RATE" \
    --mix tx > "$WORK/load.json" &
LOAD=$!
: > "$WORK/watch.tsv"
for ((t = 0; t < TOTAL + 60; t++)); do
    ((t == BEFORE)) && { echo down > "$WORK/proxy.control"; log "broker cut"; }
    ((t == BEFORE + OUTAGE)) && { echo up > "$WORK/proxy.control"; log "broker back"; }
    pending=$(curl -fsS "$APP_URL/q/metrics" | awk '/^aegis_events_pending /{print $2}')
    ready=$(curl -s -o /dev/null -w '%{http_code}' "$APP_URL/q/health/ready")
    printf '%d\t%s\t%s\n' "$t" "${pending:-?}" "$ready" >> "$WORK/watch.tsv"
    if ((t > TOTAL)) && ! kill -0 "$LOAD" 2>/dev/null && [[ $pending == 0.0 ]]; then break; fi
    sleep 1
done
wait "$LOAD" || true
cat "$WORK/load.json"
awk -F'\t' '{printf "%s:%s ", $1, $2} END {print ""}' "$WORK/watch.tsv" | sed 's/^/INFO aegis_events_pending by second: /'
statuses=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join("%s=%s" % kv for kv in d["status"].items()))' "$WORK/load.json")
check "API during the outage" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(int(all(200 <= int(k) < 300 for k in d["status"])))' "$WORK/load.json") == 1" "statuses $statuses"
not_ready=$(awk -F'\t' '$3 != 200' "$WORK/watch.tsv" | wc -l)
check "readiness" "$not_ready == 0" "$not_ready of $(wc -l < "$WORK/watch.tsv") readiness polls not 200"
max_pending=$(awk -F'\t' '$2 + 0 > m {m = $2 + 0} END {print m + 0}' "$WORK/watch.tsv")
last_pending=$(tail -1 "$WORK/watch.tsv" | cut -f2)
check "pending rose and drained" "$max_pending > 0 && $last_pending == 0" "max $max_pending, last $last_pending"
psql_db "$DB" -c "SELECT member_id, id FROM event_outbox ORDER BY position" > "$WORK/expected.tsv"
sleep 1
rabbitmqadmin -f raw_json get queue="$QUEUE" count=1000000 ackmode=ack_requeue_false > "$WORK/got.json"
python3 - "$WORK/expected.tsv" "$WORK/got.json" <<'PY' || RESULT_FAILS=$((RESULT_FAILS + 1))
import json, sys
expected = {}
for line in open(sys.argv[1]):
    member, eid = line.rstrip("\n").split("|")
    expected.setdefault(member, []).append(eid)
seen, deliveries = {}, 0
for m in json.loads(open(sys.argv[2]).read() or "[]"):
    body = json.loads(m["payload"])
    if body.get("memberId") in expected:
        deliveries += 1
        first = seen.setdefault(body["memberId"], [])
        if m["properties"]["message_id"] not in first:
            first.append(m["properties"]["message_id"])
ok = all(seen.get(member, []) == ids for member, ids in expected.items())
total = sum(len(v) for v in expected.values())
print(("PASS" if ok else "FAIL") + " exactly once per message_id, in order per member: %d events committed, %d distinct"
      " message_ids received (%d deliveries)" % (total, sum(len(v) for v in seen.values()), deliveries))
sys.exit(0 if ok else 1)
PY
exit $RESULT_FAILS
