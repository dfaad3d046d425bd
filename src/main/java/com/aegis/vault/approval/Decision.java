package com.aegis.vault.approval;

/** What a Trusted Advocate decides about a PENDING approval, and the status it leads to. */
public enum Decision {
    APPROVE(ApprovalStatus.APPROVED),
    REJECT(ApprovalStatus.REJECTED);

    private final ApprovalStatus status;

    Decision(ApprovalStatus status) {
        this.status = status;
    }

    public ApprovalStatus status() {
        return status;
    }
}
