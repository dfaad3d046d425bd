DROP TABLE idempotency_keys;
DROP TABLE advocate_links;
DROP TABLE pending_approvals;
DROP TABLE security_logs;
DROP TABLE member_chains;
