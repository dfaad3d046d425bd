-- The head of each member's hash chain. Appending to the audit trail locks this row
-- (SELECT ... FOR UPDATE), so concurrent writers on any pod serialise per member.
CREATE TABLE member_chains (
    member_id VARCHAR(64) PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);

-- The immutable audit trail: one SHA-256 hash chain per member.
CREATE TABLE security_logs (
    id          UUID                     PRIMARY KEY,
    member_id   VARCHAR(64)              NOT NULL,
    seq         BIGINT                   NOT NULL,
    type        VARCHAR(32)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    risk_score  INTEGER,
    details     VARCHAR(16000)           NOT NULL,
    prev_hash   VARCHAR(64)              NOT NULL,
    hash        VARCHAR(64)              NOT NULL,
    CONSTRAINT uq_security_logs_member_seq UNIQUE (member_id, seq),
    CONSTRAINT ck_security_logs_seq CHECK (seq >= 1),
    CONSTRAINT ck_security_logs_risk_score CHECK (risk_score BETWEEN 0 AND 100),
    CONSTRAINT ck_security_logs_type CHECK (type IN ('SCAM_CALL', 'TRANSACTION', 'APPROVAL_REQUESTED',
        'APPROVAL_RESOLVED', 'APPROVAL_EXPIRED', 'ADVOCATE_LINKED', 'ADVOCATE_UNLINKED', 'BILL_MIGRATED'))
);

CREATE INDEX ix_security_logs_member_type_seq ON security_logs (member_id, type, seq);
CREATE INDEX ix_security_logs_member_occurred ON security_logs (member_id, occurred_at);

-- Approvals awaiting (or past) a Trusted Advocate's decision: held transactions and bills.
CREATE TABLE pending_approvals (
    id              UUID                     PRIMARY KEY,
    member_id       VARCHAR(64)              NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    amount          NUMERIC(14, 2)           NOT NULL,
    currency        VARCHAR(3)               NOT NULL,
    payee           VARCHAR(200)             NOT NULL,
    description     VARCHAR(1000),
    due_date        DATE,
    security_log_id UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    resolved_by     VARCHAR(64),
    resolution_note VARCHAR(1000),
    CONSTRAINT fk_pending_approvals_security_log FOREIGN KEY (security_log_id) REFERENCES security_logs (id),
    CONSTRAINT ck_pending_approvals_kind CHECK (kind IN ('TRANSACTION', 'BILL')),
    CONSTRAINT ck_pending_approvals_status CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'))
);

CREATE INDEX ix_pending_approvals_member_status_created ON pending_approvals (member_id, status, created_at, id);
CREATE INDEX ix_pending_approvals_status_expires ON pending_approvals (status, expires_at);

-- A member's Trusted Advocates. Unlinking deletes the row; the audit trail keeps the history.
CREATE TABLE advocate_links (
    member_id   VARCHAR(64)              NOT NULL,
    advocate_id VARCHAR(64)              NOT NULL,
    linked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_advocate_links PRIMARY KEY (member_id, advocate_id)
);

CREATE INDEX ix_advocate_links_advocate ON advocate_links (advocate_id, member_id);

-- Idempotency-Key records: the stored response of every creating POST, per caller and endpoint.
CREATE TABLE idempotency_keys (
    caller_id       VARCHAR(64)              NOT NULL,
    endpoint        VARCHAR(100)             NOT NULL,
    idempotency_key VARCHAR(128)             NOT NULL,
    request_hash    VARCHAR(64)              NOT NULL,
    response_status INTEGER,
    response_body   VARCHAR(100000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (caller_id, endpoint, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
