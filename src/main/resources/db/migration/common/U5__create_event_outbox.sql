-- Drops the outbox with any event not yet published: undo V5 only after the relay has drained it
-- (aegis_events_pending = 0), or those notifications are never sent. The audit trail keeps the facts.
DROP TABLE event_workers;
DROP TABLE event_outbox;
DROP SEQUENCE event_outbox_insert_seq;
