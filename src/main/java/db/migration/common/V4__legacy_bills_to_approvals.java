package db.migration.common;

import com.aegis.vault.legacybills.LegacyBillMigration;
import com.aegis.vault.schema.DescribedMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * V4, the legacy bill migration (see {@link LegacyBillMigration}). A Java migration because each bill
 * needs a SHA-256 hash-chained audit entry computed exactly as the API computes it.
 *
 * <p>Why it lives in this package: Quarkus finds Java migrations at build time (no classpath scanning,
 * so the native image has them too) but only those whose package is one of the Flyway locations;
 * db/migration/common is the location every database vendor shares, and this migration's undo marker
 * U4__legacy_bills_to_approvals.sql sits in the same folder.
 *
 * <p>It runs in Flyway's single transaction for the migration: on PostgreSQL either every bill arrives,
 * with its audit entry and link, or nothing does (schema change included).
 */
public class V4__legacy_bills_to_approvals extends BaseJavaMigration implements DescribedMigration {

    /** Bump when the migration's behaviour changes, so `validate` flags databases migrated by the old code. */
    @Override
    public Integer getChecksum() {
        return 40_001;
    }

    @Override
    public void migrate(Context context) throws Exception {
        LegacyBillMigration.migrate(context.getConnection(), LegacyBillMigration.approvalExpiry());
    }

    @Override
    public String describePlan(Connection connection) throws SQLException {
        return LegacyBillMigration.describePlan(connection);
    }
}
