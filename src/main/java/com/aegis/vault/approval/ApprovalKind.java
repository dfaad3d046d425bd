package com.aegis.vault.approval;

public enum ApprovalKind {
    TRANSACTION,
    BILL
}
