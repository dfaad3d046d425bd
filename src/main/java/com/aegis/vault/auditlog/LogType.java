package com.aegis.vault.auditlog;

public enum LogType {
    SCAM_CALL,
    TRANSACTION,
    APPROVAL_REQUESTED,
    APPROVAL_RESOLVED,
    APPROVAL_EXPIRED,
    ADVOCATE_LINKED,
    ADVOCATE_UNLINKED,
    BILL_MIGRATED
}
