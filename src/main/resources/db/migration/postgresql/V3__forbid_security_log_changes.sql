-- The audit trail is append-only in the database itself, whoever connects:
-- any UPDATE, DELETE or TRUNCATE on security_logs raises an error.
CREATE FUNCTION security_logs_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'security_logs is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER security_logs_no_update_delete
    BEFORE UPDATE OR DELETE ON security_logs
    FOR EACH ROW EXECUTE FUNCTION security_logs_refuse_change();

CREATE TRIGGER security_logs_no_truncate
    BEFORE TRUNCATE ON security_logs
    FOR EACH STATEMENT EXECUTE FUNCTION security_logs_refuse_change();
