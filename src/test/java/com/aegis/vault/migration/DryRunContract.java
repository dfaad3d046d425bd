package com.aegis.vault.migration;

import com.aegis.vault.command.CommandFailure;
import com.aegis.vault.command.CommandLine;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code migrate --dry-run} and {@code undo --dry-run} on one vendor: they print every step the real command
 * would take — the SQL of each script, V4 in words with its row counts — and leave the database exactly as it
 * was: not one table, not one history row, not even the history table on an empty database.
 */
abstract class DryRunContract extends VendorCommandsTest {

    /** Every table (the history table included) with its row count, and the schema's columns and constraints. */
    List<String> everything() throws Exception {
        List<String> state = new ArrayList<>();
        try (Connection c = db.connect()) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '" + c.getSchema() + "' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    rs.next();
                    state.add(table + " rows=" + rs.getLong(1));
                }
            }
            state.addAll(SchemaSnapshot.of(c));
        }
        return state;
    }

    @Test
    void migrateDryRunOnAnEmptyDatabasePrintsEveryScriptAndCreatesNothingNotEvenTheHistoryTable() throws Exception {
        Flyway flyway = db.flyway();
        assertEquals(List.of(), everything());

        String out = run(flyway, "migrate", "--dry-run");

        assertEquals(List.of(), everything(), "a dry run creates nothing");
        assertTrue(out.startsWith("-- Dry run of migrate: 5 migration(s) from version none (empty database) to 5"), out);
        assertTrue(out.indexOf("-- ==== V1 create legacy pending bills") < out.indexOf("-- ==== V2 create audit trail"), out);
        assertTrue(out.contains("CREATE TABLE pending_bills ("), "V1's SQL is printed: " + out);
        assertTrue(out.contains("CREATE TABLE security_logs ("), "V2's SQL is printed");
        assertTrue(out.contains("-- ==== V4 legacy bills to approvals (Java migration db.migration.common.V4__legacy_bills_to_approvals)"), out);
        assertTrue(out.contains("-- Rows it would touch: none — pending_bills does not exist yet"), out);
        assertTrue(out.strip().endsWith("-- End of dry run: nothing was changed."), out);
    }

    @Test
    void migrateDryRunWithATargetStopsThere() throws Exception {
        String out = run(db.flyway(), "migrate", "--dry-run", "--target", "2");
        assertTrue(out.contains("V2 create audit trail"), out);
        assertTrue(!out.contains("V3 ") && !out.contains("V4 "), out);
        assertEquals(List.of(), everything());
    }

    @Test
    void migrateDryRunOfTheLegacyBillMigrationCountsTheBillsItWouldCarryOver() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "3");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO pending_bills (member_id, payee, amount, currency, status) VALUES "
                    + "('m1', 'Gas', 10.00, 'EUR', 'pending'), ('m1', 'Water', 20.00, 'EUR', 'paid'), "
                    + "('m2', 'Rent', 900.00, 'EUR', 'overdue')");
        }
        List<String> before = everything();

        String out = run(flyway, "migrate", "--dry-run");

        assertEquals(before, everything(), "a dry run changes nothing");
        assertTrue(out.startsWith("-- Dry run of migrate: 2 migration(s) from version 3 to 5"), out);
        assertTrue(out.contains("3 pending_bills row(s) not yet linked (of 3), of 2 member(s): 3 pending_approvals inserted, "
                + "3 security_logs BILL_MIGRATED entries appended, 2 member_chains heads written"), out);
        assertTrue(out.contains("the column pending_bills.approval_id is added"), out);
        assertEquals("3", MigrationWorkflowContract.current(flyway));
    }

    @Test
    void migrateDryRunOnAnUpToDateDatabaseSaysSo() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate");
        List<String> before = everything();
        assertTrue(run(flyway, "migrate", "--dry-run").startsWith("-- Dry run: nothing to migrate, the schema is at version 5."));
        assertEquals(before, everything());
    }

    @Test
    void undoDryRunPrintsTheUndoScriptsNewestFirstAndUndoesNothing() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "3");
        List<String> before = everything();

        String out = run(flyway, "undo", "--dry-run", "--to", "1");

        assertEquals(before, everything(), "a dry run undoes nothing");
        assertTrue(out.startsWith("-- Dry run of undo: 2 migration(s), newest first"), out);
        assertTrue(out.indexOf("-- ==== undo V3 (forbid security log changes)") < out.indexOf("-- ==== undo V2 (create audit trail"), out);
        assertTrue(out.contains("DROP TABLE security_logs;"), "U2's SQL is printed: " + out);
        assertEquals("3", MigrationWorkflowContract.current(flyway));
    }

    @Test
    void undoDryRunOfTheLegacyBillMigrationSaysItWouldRefuseAndNamesTheRestoreCommand() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "4");
        List<String> before = everything();
        String refused = run(flyway, "undo", "--dry-run");
        assertTrue(refused.startsWith("-- Dry run of undo: the command would refuse"), refused);
        assertTrue(refused.contains("cannot be undone"), refused);
        assertTrue(refused.contains("pg_restore --clean --if-exists --no-owner"), refused);
        assertEquals(before, everything());
    }

    @Test
    void pendingListsWhatMigrateWouldApplyAndWritesItForTheBackupStep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Flyway flyway = db.flyway();
        java.nio.file.Path plan = dir.resolve("pending");
        run(flyway, "migrate", "--target", "2");

        String out = run(flyway, "pending", "--write", plan.toString());
        assertEquals(List.of("V3 forbid security log changes", "V4 legacy bills to approvals", "V5 create event outbox"), out.lines().toList());
        assertEquals(out.lines().toList(), java.nio.file.Files.readAllLines(plan), "the file the backup step reads");

        run(flyway, "migrate");
        assertEquals("", run(flyway, "pending", "--write", plan.toString()));
        assertEquals(0, java.nio.file.Files.size(plan), "up to date: an empty file, so no backup is taken");
    }

    @Test
    void dryRunIsAFlagOfMigrateAndUndoOnly() {
        CommandFailure usage = assertThrows(CommandFailure.class, () -> CommandLine.parse("info", "--dry-run"));
        assertEquals(CommandFailure.USAGE, usage.exitCode());
        assertTrue(CommandLine.parse("migrate", "--target", "3", "--dry-run").dryRun());
    }
}
