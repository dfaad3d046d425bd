-- Growth fill (psql -v lo=… -v hi=… -v per=…): members lo..hi, `per` audit entries each, one PENDING
-- bill approval each, and their chain heads — set-based, in one statement per table.
-- Member ids have the shape of bench/lib/common.sh member_id (38 characters, like "m-" + a UUID).
-- Hashes are 64 hex characters made from md5s: these rows are for size and page-cost measurements;
-- their chains are NOT valid (the verify measurement uses a chain written by bench/tools/gen_chain.py).
-- Entry bodies have the size of the service's real ones (scam-call details ~110 bytes of canonical JSON).
INSERT INTO security_logs (id, member_id, seq, type, occurred_at, recorded_at, risk_score, details, prev_hash, hash)
SELECT gen_random_uuid(),
       'm-00000000-0000-4000-8000-' || lpad(m::text, 12, '0'),
       s,
       CASE WHEN s % 3 = 0 THEN 'TRANSACTION' ELSE 'SCAM_CALL' END,
       timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => (m % 86400) * 10 + s * 3600 + (m % 1000) / 1000.0),
       timestamptz '2026-01-01 00:00:01+00' + make_interval(secs => (m % 86400) * 10 + s * 3600 + (m % 997) / 997.0),
       (m * 7 + s) % 101,
       CASE WHEN s % 3 = 0
            THEN '{"amount":"' || (m % 400 + 1) || '.50","channel":"CARD","currency":"EUR","payee":"Payee ' || (m % 5000) || '"}'
            ELSE '{"callerNumber":"+4477009' || lpad(((m * 31 + s) % 100000)::text, 5, '0') || '","durationSeconds":'
                 || ((m + s) % 600) || ',"notes":"generated for the growth benchmark","verdict":"BLOCKED"}' END,
       CASE WHEN s = 1 THEN repeat('0', 64) ELSE md5(m || ':' || (s - 1)) || md5((s - 1) || ':' || m) END,
       md5(m || ':' || s) || md5(s || ':' || m)
  FROM generate_series(:lo, :hi) m, generate_series(1, :per) s;

INSERT INTO member_chains (member_id, last_seq, last_hash)
SELECT 'm-00000000-0000-4000-8000-' || lpad(m::text, 12, '0'), :per, md5(m || ':' || :per) || md5(:per || ':' || m)
  FROM generate_series(:lo, :hi) m;

INSERT INTO pending_approvals (id, member_id, kind, status, amount, currency, payee, description, due_date,
                               created_at, expires_at)
SELECT gen_random_uuid(), 'm-00000000-0000-4000-8000-' || lpad(m::text, 12, '0'), 'BILL', 'PENDING',
       (m % 900) + 0.99, 'EUR', 'Utility ' || (m % 300), 'generated bill', date '2027-01-31',
       now() - make_interval(secs => m % 86400), now() + interval '30 days'
  FROM generate_series(:lo, :hi) m;
