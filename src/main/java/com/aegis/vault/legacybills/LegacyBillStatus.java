package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalStatus;

import java.util.Locale;

/**
 * How the old system's free-text bill status maps onto an approval status. Settled bills must never
 * come back as something to approve: paid ones are APPROVED, cancelled ones REJECTED. Anything the
 * old system left open, and any status it is not known to have used, becomes PENDING: in a scam
 * protection service an unknown state is put in front of a Trusted Advocate, never waved through.
 */
final class LegacyBillStatus {

    private LegacyBillStatus() {
    }

    static ApprovalStatus toApprovalStatus(String legacy) {
        String status = legacy == null ? "" : legacy.trim().toLowerCase(Locale.ROOT);
        return switch (status) {
            case "paid", "approved", "completed", "settled" -> ApprovalStatus.APPROVED;
            case "cancelled", "canceled", "rejected", "declined", "void" -> ApprovalStatus.REJECTED;
            case "expired" -> ApprovalStatus.EXPIRED;
            default -> ApprovalStatus.PENDING; // pending, overdue, due, scheduled, unknown
        };
    }

    static boolean isKnown(String legacy) {
        String status = legacy == null ? "" : legacy.trim().toLowerCase(Locale.ROOT);
        return switch (status) {
            case "pending", "overdue", "paid", "approved", "completed", "settled", "cancelled", "canceled",
                 "rejected", "declined", "void", "expired" -> true;
            default -> false;
        };
    }
}
