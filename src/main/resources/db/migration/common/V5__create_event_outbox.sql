-- The transactional outbox: every event (approval.requested, approval.resolved, approval.expired,
-- advocate.linked, advocate.unlinked) is inserted in the same transaction as the change it reports,
-- so it exists if and only if that change committed. Additive only: old pods (at V4) never touch it.
--
-- insert_seq orders a member's events as they committed (their writers hold the member's chain lock).
-- position is the stream order, assigned after commit by one sequencer at a time (event_stream_state),
-- so positions become visible strictly in increasing order: a streamer that has read position N never
-- misses an N-1 committing later, which ids drawn from a sequence at insert time cannot promise.
CREATE SEQUENCE event_outbox_insert_seq;

CREATE TABLE event_outbox (
    id           UUID                     PRIMARY KEY,
    insert_seq   BIGINT                   NOT NULL,
    position     BIGINT,
    type         VARCHAR(32)              NOT NULL,
    member_id    VARCHAR(64)              NOT NULL,
    advocate_id  VARCHAR(64),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    payload      VARCHAR(100000)          NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_event_outbox_position UNIQUE (position),
    CONSTRAINT ck_event_outbox_type CHECK (type IN ('approval.requested', 'approval.resolved', 'approval.expired',
        'advocate.linked', 'advocate.unlinked'))
);

-- The table is created empty just above, so these plain (not CONCURRENTLY) index builds lock nothing
-- that anybody is waiting for. The relay and the pending metrics read the unpublished events in stream
-- order; a resuming stream reads one member's (or one advocate's link) events after a position.
CREATE INDEX ix_event_outbox_published_position ON event_outbox (published_at, position);
CREATE INDEX ix_event_outbox_member_position ON event_outbox (member_id, position);
CREATE INDEX ix_event_outbox_advocate_position ON event_outbox (advocate_id, position);

-- One row per background worker of the outbox. Its row lock elects the one pod doing that work at a
-- time; position is the sequencer's last assigned position and the pruner's pruned-through position
-- (a stream cursor below it was pruned: the stream starts with `event: reset`).
CREATE TABLE event_workers (
    name     VARCHAR(32) PRIMARY KEY,
    position BIGINT      NOT NULL
);

INSERT INTO event_workers (name, position) VALUES ('sequencer', 0), ('pruner', 0), ('relay', 0);
