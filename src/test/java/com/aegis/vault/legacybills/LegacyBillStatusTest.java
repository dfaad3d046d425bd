package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LegacyBillStatusTest {

    @Test
    void settledBillsNeverComeBackAsSomethingToApprove() {
        for (String paid : new String[]{"paid", "approved", "completed", "settled"}) {
            assertEquals(ApprovalStatus.APPROVED, LegacyBillStatus.toApprovalStatus(paid), paid);
        }
        for (String cancelled : new String[]{"cancelled", "canceled", "rejected", "declined", "void"}) {
            assertEquals(ApprovalStatus.REJECTED, LegacyBillStatus.toApprovalStatus(cancelled), cancelled);
        }
        assertEquals(ApprovalStatus.EXPIRED, LegacyBillStatus.toApprovalStatus("expired"));
    }

    @Test
    void openAndUnknownStatusesAreReviewedByATrustedAdvocate() {
        for (String open : new String[]{"pending", "overdue", "due", "scheduled", "on-hold", "", null}) {
            assertEquals(ApprovalStatus.PENDING, LegacyBillStatus.toApprovalStatus(open), String.valueOf(open));
        }
    }

    @Test
    void caseAndSurroundingSpacesDoNotMatter() {
        assertEquals(ApprovalStatus.APPROVED, LegacyBillStatus.toApprovalStatus("  PAID "));
        assertEquals(ApprovalStatus.REJECTED, LegacyBillStatus.toApprovalStatus("Cancelled"));
        assertTrue(LegacyBillStatus.isKnown(" Overdue"));
    }

    @Test
    void onlyTheStatusesTheOldSystemUsedAreKnown() {
        for (String known : new String[]{"pending", "overdue", "paid", "approved", "completed", "settled",
                "cancelled", "canceled", "rejected", "declined", "void", "expired"}) {
            assertTrue(LegacyBillStatus.isKnown(known), known);
        }
        for (String unknown : new String[]{"due", "scheduled", "on-hold", "", null}) {
            assertFalse(LegacyBillStatus.isKnown(unknown), String.valueOf(unknown));
        }
    }
}
