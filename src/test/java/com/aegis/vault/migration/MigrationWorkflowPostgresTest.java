package com.aegis.vault.migration;

import com.aegis.vault.command.CommandFailure;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration workflow on PostgreSQL, the production database. */
class MigrationWorkflowPostgresTest extends MigrationWorkflowContract {

    @Override
    Vendor newVendor() {
        return Vendor.postgres();
    }

    @Test
    void aFailingUndoStepIsRolledBackWholeAndKeepsItsHistoryRow(@TempDir Path dir) throws Exception {
        for (String name : new String[]{"V1__create_legacy_pending_bills.sql", "V2__create_audit_trail_and_approvals.sql"}) {
            Files.write(dir.resolve(name), resource("db/migration/common/" + name));
        }
        // The first statement works, the second fails: neither may stay applied.
        Files.writeString(dir.resolve("U2__create_audit_trail_and_approvals.sql"),
                "DROP TABLE idempotency_keys;\nDROP TABLE no_such_table;\n");
        Flyway flyway = db.configure().locations("filesystem:" + dir).load();
        run(flyway, "migrate");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> run(flyway, "undo"));
        assertTrue(failure.getMessage().startsWith("aegis undo of V2 (create audit trail and approvals) failed"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("rolled back, the database is still at V2"), failure.getMessage());
        assertEquals("2", current(flyway));
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM idempotency_keys").close();
        }
    }
}
