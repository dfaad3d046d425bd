package com.aegis.vault.approval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** When a transaction is held for a Trusted Advocate, and how long an approval stays open. */
@ConfigMapping(prefix = "aegis.approvals")
public interface ApprovalsConfig {

    /** Transactions at or above this amount (in any currency) are held. */
    @WithDefault("500.00")
    BigDecimal amountThreshold();

    /** Transactions at or above this risk score are held. */
    @WithDefault("70")
    int riskThreshold();

    /** A PENDING approval expires this long after it was created. */
    @WithDefault("72h")
    Duration expiry();

    /**
     * How often each pod sweeps overdue approvals to EXPIRED ({@link ApprovalSweeper}'s schedule reads it).
     * Reads expire overdue approvals themselves, so the interval bounds only the audit trail's lag, not
     * what callers see.
     */
    @WithDefault("30s")
    Duration sweepInterval();
}
