package com.aegis.vault.legacybills;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The link from a legacy bill to the approval it became: {@code pending_bills.approval_id}, unique
 * and referencing {@code pending_approvals}. Added only if absent, so the migration can be re-run on
 * H2 (whose DDL commits on its own) after a failure.
 */
final class LegacyBillLink {

    private LegacyBillLink() {
    }

    static void ensureColumn(Connection connection) throws SQLException {
        if (hasColumn(connection)) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE pending_bills ADD COLUMN approval_id UUID");
            ddl.execute("ALTER TABLE pending_bills ADD CONSTRAINT uq_pending_bills_approval UNIQUE (approval_id)");
            ddl.execute("ALTER TABLE pending_bills ADD CONSTRAINT fk_pending_bills_approval "
                    + "FOREIGN KEY (approval_id) REFERENCES pending_approvals (id)");
        }
    }

    static boolean hasColumn(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        // H2 without DATABASE_TO_LOWER stores unquoted names in upper case.
        for (String table : new String[]{"pending_bills", "PENDING_BILLS"}) {
            for (String column : new String[]{"approval_id", "APPROVAL_ID"}) {
                try (ResultSet rs = meta.getColumns(null, connection.getSchema(), table, column)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean hasTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String table : new String[]{"pending_bills", "PENDING_BILLS"}) {
            try (ResultSet rs = meta.getTables(null, connection.getSchema(), table, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
