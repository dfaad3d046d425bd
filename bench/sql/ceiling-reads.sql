-- pgbench: the SQL of the read mix, as Hibernate emits it (checked with quarkus.hibernate-orm.log.sql=true):
-- half GET /api/v1/security-logs?limit=20 (a member's newest entries), half
-- GET /api/v1/approvals?status=PENDING&limit=20 (first the member's overdue PENDING approvals, which
-- the service expires before answering — none here —, then the page, oldest first). One row more
-- than the page is read to know whether a next page exists. Statements run in autocommit here (one
-- round trip each), the cheapest way for PostgreSQL: the comparison is conservative.
\set m random(1, :members)
\set r random(1, 2)
\if :r = 1
SELECT sle1_0.id, sle1_0.details, sle1_0.hash, sle1_0.member_id, sle1_0.occurred_at, sle1_0.prev_hash,
       sle1_0.recorded_at, sle1_0.risk_score, sle1_0.seq, sle1_0.type
  FROM security_logs sle1_0 WHERE sle1_0.member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0')
 ORDER BY sle1_0.seq DESC FETCH FIRST 21 ROWS ONLY;
\else
SELECT a1_0.id FROM pending_approvals a1_0
 WHERE a1_0.member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0') AND a1_0.status = 'PENDING'
   AND a1_0.expires_at <= now() ORDER BY a1_0.expires_at;
SELECT a1_0.id, a1_0.amount, a1_0.created_at, a1_0.currency, a1_0.description, a1_0.due_date, a1_0.expires_at,
       a1_0.kind, a1_0.member_id, a1_0.payee, a1_0.resolution_note, a1_0.resolved_at, a1_0.resolved_by,
       a1_0.security_log_id, a1_0.status
  FROM pending_approvals a1_0 WHERE a1_0.member_id = 'm-00000000-0000-4000-8000-' || lpad(:m::text, 12, '0')
   AND a1_0.status = 'PENDING' ORDER BY a1_0.created_at, a1_0.id OFFSET 0 ROWS FETCH FIRST 21 ROWS ONLY;
\endif
