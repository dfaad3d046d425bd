package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalsConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;

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

    /**
     * The expiry the API gives new approvals ({@link ApprovalsConfig#expiry()}), read without CDI: Flyway runs
     * V4 before any bean exists. Inside the application (the {@code migrate} command, dev mode, tests) the
     * mapping is registered with the running configuration; a bare Flyway run outside Quarkus reads the same
     * sources (system properties, environment, application.properties) through the same mapping.
     */
    public static Duration approvalExpiry() {
        SmallRyeConfig config;
        try {
            config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
            return config.getConfigMapping(ApprovalsConfig.class).expiry();
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException notRegistered) {
            config = new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredConverters()
                    .withMapping(ApprovalsConfig.class).build();
            return config.getConfigMapping(ApprovalsConfig.class).expiry();
        }
    }
}
