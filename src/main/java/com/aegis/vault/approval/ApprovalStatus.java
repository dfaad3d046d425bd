package com.aegis.vault.approval;

public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED
}
