-- pgbench: the SQL of one POST /api/v1/scam-calls (SecurityLogWriter.append through JdbcChainHead), nothing
-- else, as the service sends it (checked with pg_stat_statements, bench/cpu-per-request.sh: the head is locked
-- FOR UPDATE).
-- Run with -M prepared (the app's JDBC driver prepares its statements server-side too) and
-- -D members=N; member_chains must already hold heads for members 1..N (ceiling.sh seeds them,
-- exactly as the app's first append would: last_seq 0, GENESIS hash).
-- Values the app computes in Java (entry id, SHA-256, canonical JSON details) are sent as
-- literals/parameters of the same size; none is computed here on the server.
\set m random(1, :members)
\set risk random(0, 100)
BEGIN;
SELECT last_hash AS prev, last_seq AS seq FROM member_chains
 WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0') FOR UPDATE \gset
INSERT INTO security_logs (details, hash, member_id, occurred_at, prev_hash, recorded_at, risk_score, seq, type, id)
VALUES ('{"callerNumber":"+447700900123","durationSeconds":42,"notes":"pgbench ceiling run","verdict":"BLOCKED"}',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0'), now(), :prev, now(), :risk, :seq + 1,
        'SCAM_CALL', gen_random_uuid());
UPDATE member_chains SET last_hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
       last_seq = :seq + 1
 WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0');
COMMIT;
