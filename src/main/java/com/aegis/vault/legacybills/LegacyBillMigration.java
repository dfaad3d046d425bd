package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalsConfig;
import com.aegis.vault.database.Timestamps;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
        Instant now = Timestamps.now();
        return new LegacyBillMigrator(connection, now, approvalExpiry).run();
    }

    /**
     * What {@link #migrate} would do on this database, in words, with the rows it would touch; only reads
     * (the dry run). Before V1 has run there is no {@code pending_bills} yet: a fresh database has no legacy bills.
     */
    public static String describePlan(Connection connection) throws SQLException {
        String what = """
                Java migration: adds the column pending_bills.approval_id (unique, references pending_approvals) if absent;
                then, for every legacy bill not yet linked, in one transaction: inserts a pending_approvals row (kind BILL;
                pending/overdue bills PENDING with a fresh review window, paid APPROVED, cancelled REJECTED, expired EXPIRED,
                unknown statuses PENDING), appends a BILL_MIGRATED entry to the member's hash chain, and links the bill.
                """;
        if (!LegacyBillLink.hasTable(connection)) {
            return what + "Rows it would touch: none — pending_bills does not exist yet (V1 creates it empty), so no legacy bill"
                    + " can be there when V4 runs in this same migrate.";
        }
        String unlinked = LegacyBillLink.hasColumn(connection) ? " WHERE approval_id IS NULL" : "";
        long bills;
        long members;
        long all;
        try (Statement count = connection.createStatement();
             ResultSet rs = count.executeQuery("SELECT COUNT(*), COUNT(DISTINCT member_id), (SELECT COUNT(*) FROM pending_bills)"
                     + " FROM pending_bills" + unlinked)) {
            rs.next();
            bills = rs.getLong(1);
            members = rs.getLong(2);
            all = rs.getLong(3);
        }
        return what + "Rows it would touch now: " + bills + " pending_bills row(s) not yet linked (of " + all + "), of "
                + members + " member(s): " + bills + " pending_approvals inserted, " + bills
                + " security_logs BILL_MIGRATED entries appended, " + members + " member_chains heads written, "
                + bills + " pending_bills rows updated (approval_id)"
                + (unlinked.isEmpty() ? "; the column pending_bills.approval_id is added." : ".");
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
