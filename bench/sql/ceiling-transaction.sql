-- pgbench: the SQL of one POST /api/v1/transactions, 10% of them held for approval
-- (held: the TRANSACTION entry, the pending_approvals row, its APPROVAL_REQUESTED entry, one head update).
-- Same conventions as ceiling-scam-call.sql (-M prepared, -D members=N, heads seeded).
-- A lower bound for the held ones: the service also writes the approval.requested event (event_outbox, since V5)
-- and, appending each entry through JdbcChainHead, locks and updates the head once per entry (twice when held).
\set m random(1, :members)
\set held random(1, 10)
BEGIN;
SELECT last_hash AS prev, last_seq AS seq FROM member_chains
 WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0') FOR UPDATE \gset
INSERT INTO security_logs (details, hash, member_id, occurred_at, prev_hash, recorded_at, risk_score, seq, type, id)
VALUES ('{"amount":"125.50","channel":"CARD","currency":"EUR","externalRef":"pgbench-ref-123","payee":"Payee 1234"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0'), now(), :prev, now(), 20, :seq + 1,
        'TRANSACTION', gen_random_uuid()) RETURNING id AS tx \gset
\if :held = 1
INSERT INTO pending_approvals (amount, created_at, currency, description, due_date, expires_at, kind, member_id, payee,
                               resolution_note, resolved_at, resolved_by, security_log_id, status, id)
VALUES (600.00, now(), 'EUR', NULL, NULL, now() + interval '72 hours', 'TRANSACTION',
        'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0'), 'Payee 1234', NULL, NULL, NULL, :tx, 'PENDING',
        gen_random_uuid());
INSERT INTO security_logs (details, hash, member_id, occurred_at, prev_hash, recorded_at, risk_score, seq, type, id)
VALUES ('{"amount":"600.00","approvalId":"0b9f0f0e-1b1e-4c2a-9a57-1c1f1e1d1c1b","currency":"EUR","expiresAt":"2026-11-26T21:00:00.123456Z","kind":"TRANSACTION","payee":"Payee 1234","securityLogId":"0b9f0f0e-1b1e-4c2a-9a57-1c1f1e1d1c1b"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0'), now(), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        now(), NULL, :seq + 2, 'APPROVAL_REQUESTED', gen_random_uuid());
UPDATE member_chains SET last_hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
       last_seq = :seq + 2
 WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0');
\else
UPDATE member_chains SET last_hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
       last_seq = :seq + 1
 WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0');
\endif
COMMIT;
