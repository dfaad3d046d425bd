package com.aegis.vault.legacybills;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * V4: carries every legacy {@code pending_bills} row into {@code pending_approvals} (kind BILL) with a
 * BILL_MIGRATED entry in the member's hash chain, and links the legacy row to its approval
 * ({@code pending_bills.approval_id}, added here). Flyway runs it through
 * {@code db.migration.common.V4__legacy_bills_to_approvals}; {@link LegacyBillMigrator} says how it streams.
 */
public final class LegacyBillMigration {

    private LegacyBillMigration() {
    }

    /** The whole migration on a connection whose transaction the caller owns; running it again changes nothing. */
    public static LegacyBillMigrator.Result migrate(Connection connection, Duration approvalExpiry) throws SQLException {
        LegacyBillLink.ensureColumn(connection);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new LegacyBillMigrator(connection, now, approvalExpiry).run();
    }

    /** The same expiry the API gives new approvals (aegis.approvals.expiry), read without CDI. */
    public static Duration approvalExpiry() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("aegis.approvals.expiry", Duration.class)
                    .orElse(Duration.ofHours(72));
        } catch (IllegalStateException noConfig) {
            return Duration.ofHours(72);
        }
    }
}
