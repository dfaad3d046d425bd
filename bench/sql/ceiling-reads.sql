-- pgbench: the SQL of the read mix — half GET /api/v1/security-logs?limit=20 (a member's newest
-- entries), half GET /api/v1/approvals?status=PENDING&limit=20 (a member's pending approvals,
-- oldest first). One row more than the page is read to know whether a next page exists.
\set m random(1, :members)
\set r random(1, 2)
\if :r = 1
SELECT id, details, hash, member_id, occurred_at, prev_hash, recorded_at, risk_score, seq, type
  FROM security_logs WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0')
 ORDER BY seq DESC LIMIT 21;
\else
SELECT id, amount, created_at, currency, description, due_date, expires_at, kind, member_id, payee,
       resolution_note, resolved_at, resolved_by, security_log_id, status
  FROM pending_approvals WHERE member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0')
   AND status = 'PENDING' ORDER BY created_at, id LIMIT 21;
\endif
