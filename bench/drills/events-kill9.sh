#!/usr/bin/env bash
# Drill: the pod is killed (kill -9) after events committed and before the broker had them. The packaged
# app publishes to a closed port first (so nothing can leave: every event of the run is "between commit
# and publish"), COUNT held transactions are acknowledged (201), the app is killed with SIGKILL, then it
# starts again pointed at the real broker (127.0.0.1:5672). A queue of the drill's own is bound to
# aegis.events. PASS/FAIL: every acknowledged transaction's approval.requested event reaches the queue,
# once per message_id, in order; aegis_events_pending falls back to 0.
#
#   ./mvnw package -DskipTests && bench/drills/events-kill9.sh [--count 50]
. "$(dirname "$0")/../lib/common.sh"
COUNT=50
while (($#)); do
    case $1 in
        --count) COUNT=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
need_tools curl:curl python3:python3
need_rabbitmqadmin
need_jar
echo "# bench/drills/events-kill9.sh --count $COUNT"
QUEUE="aegis-drill-kill9-$RUN_TAG"
rabbitmqadmin -q declare exchange name=aegis.events type=topic durable=true
rabbitmqadmin -q declare queue name="$QUEUE" durable=false auto_delete=false
rabbitmqadmin -q declare binding source=aegis.events destination="$QUEUE" routing_key=approval.requested
at_exit "rabbitmqadmin -q delete queue name=$QUEUE"
mint_tokens "$WORK/member.tsv" 1 member "m-kill9-$RUN_TAG-%d"
MEMBER=$(cut -f1 "$WORK/member.tsv"); TOKEN=$(cut -f2 "$WORK/member.tsv")
new_db kill9
migrate_db "$DB"

start_app "$DB" AEGIS_EVENTS_PUBLISH=true RABBITMQ_PORT="$(free_port)"
for i in $(seq "$COUNT"); do
    curl -fsS -o /dev/null -X POST "$APP_URL/api/v1/transactions" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' \
        -d "{\"amount\":\"900.00\",\"currency\":\"EUR\",\"payee\":\"Kill drill $i\",\"channel\":\"WIRE\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"riskScore\":10}"
done
unpublished=$(psql_db "$DB" -c "SELECT count(*) FROM event_outbox WHERE member_id = '$MEMBER' AND published_at IS NULL")
log "$COUNT held transactions acknowledged, $unpublished events unpublished; kill -9 $APP_PID"
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=

start_app "$DB" AEGIS_EVENTS_PUBLISH=true
for _ in $(seq 120); do
    [[ $(psql_db "$DB" -c "SELECT count(*) FROM event_outbox WHERE published_at IS NULL") == 0 ]] && break
    sleep 0.5
done
psql_db "$DB" -c "SELECT id FROM event_outbox WHERE member_id = '$MEMBER' AND type = 'approval.requested' ORDER BY position" > "$WORK/expected.txt"
sleep 1
rabbitmqadmin -f raw_json get queue="$QUEUE" count=100000 ackmode=ack_requeue_false > "$WORK/got.json"
python3 - "$WORK/expected.txt" "$WORK/got.json" "$MEMBER" <<'PY' || RESULT_FAILS=1
import json, sys
expected = open(sys.argv[1]).read().split()
seen = []
for m in json.loads(open(sys.argv[2]).read() or "[]"):
    body = json.loads(m["payload"])
    if body.get("memberId") == sys.argv[3]:
        seen.append(m["properties"].get("message_id"))
first = list(dict.fromkeys(seen))
ok = first == expected
print(("PASS" if ok else "FAIL") + " kill -9 between commit and publish: %d events committed before the kill, %d distinct message_ids"
      " on the queue after the restart (%d deliveries), in order: %s" % (len(expected), len(first), len(seen), first == expected))
sys.exit(0 if ok else 1)
PY
# The gauge is refreshed every 5 s: give it two refreshes to show the drained outbox.
for _ in $(seq 24); do
    pending=$(curl -fsS "$APP_URL/q/metrics" | awk '/^aegis_events_pending /{print $2}')
    [[ ${pending:-x} == 0 || ${pending:-x} == 0.0 ]] && break
    sleep 0.5
done
check "pending gauge" "${pending:-1} == 0" "aegis_events_pending = ${pending:-absent} after the drain (refreshed every 5 s)"
exit $RESULT_FAILS
