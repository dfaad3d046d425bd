-- H2 is only the zero-setup development database and has no PL/pgSQL triggers.
-- Append-only is enforced on PostgreSQL (db/migration/postgresql/V3); here the
-- version is kept so both databases report the same schema version.
SELECT 1;
