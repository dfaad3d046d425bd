DROP TRIGGER security_logs_no_truncate ON security_logs;
DROP TRIGGER security_logs_no_update_delete ON security_logs;
DROP FUNCTION security_logs_refuse_change();
