package com.aegis.vault.migration;

import com.aegis.vault.command.CommandFailure;
import com.aegis.vault.command.MigrationCommands;
import com.aegis.vault.schema.Versions;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Alembic-like workflow on one database vendor, driving the same command code the packaged
 * application runs ({@link MigrationCommands}) over a plain Flyway on a fresh database.
 */
abstract class MigrationWorkflowContract extends VendorCommandsTest {

    static final int HEAD = 5;
    /** Versions whose undo script really reverts them (V4 refuses by design). */
    static final int LAST_REVERSIBLE = 3;

    List<String> schema() throws Exception {
        try (Connection c = db.connect()) {
            return SchemaSnapshot.of(c);
        }
    }

    @Test
    void emptyDatabaseMigratesToHeadThenInfoShowsAllAppliedAndValidatePasses() {
        Flyway flyway = db.flyway();
        String migrated = run(flyway, "migrate");
        assertTrue(migrated.contains("Migrated " + HEAD + " migration(s): version none (empty database) -> " + HEAD), migrated);

        String info = run(flyway, "info");
        assertEquals(HEAD, info.lines().filter(l -> l.contains(" Success ")).count(), info);
        assertTrue(info.lines().anyMatch(l -> l.startsWith("-> " + HEAD + " ") && l.contains("(head)")), info);
        assertTrue(info.contains("Current version: " + HEAD), info);
        assertTrue(info.contains("Status: up to date"), info);

        assertTrue(run(flyway, "validate").startsWith("Valid: the " + HEAD + " migration(s)"));
        assertTrue(run(flyway, "migrate").startsWith("Nothing to migrate: the schema is at version " + HEAD));
    }

    @Test
    void everyStepUpgradedUndoneAndUpgradedAgainEndsInTheSameSchema() throws Exception {
        Flyway flyway = db.flyway();
        for (int v = 1; v <= LAST_REVERSIBLE; v++) {
            List<String> before = schema();
            run(flyway, "migrate", "--target", String.valueOf(v));
            List<String> upgraded = schema();

            String undone = run(flyway, "undo");
            assertTrue(undone.contains("Undid V" + v + " "), undone);
            assertEquals(before, schema(), "undo of V" + v + " restores the schema before it");
            assertEquals(v == 1 ? null : String.valueOf(v - 1), current(flyway));

            run(flyway, "migrate", "--target", String.valueOf(v));
            assertEquals(upgraded, schema(), "V" + v + " applied again gives the same schema");
            assertEquals(String.valueOf(v), current(flyway));
        }
    }

    @Test
    void undoToAVersionRevertsEveryStepAboveItNewestFirst() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "1");
        List<String> atV1 = schema();
        run(flyway, "migrate", "--target", "3");

        String out = run(flyway, "undo", "--to", "1");
        assertTrue(out.indexOf("Undid V3") < out.indexOf("Undid V2"), out);
        assertEquals(atV1, schema());
        assertEquals("1", current(flyway));

        run(flyway, "undo", "--to", "0");
        assertEquals(List.of(), schema());
        assertEquals(null, current(flyway));
    }

    @Test
    void undoOfTheLegacyBillMigrationIsRefusedAndChangesNothing() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "4");
        List<String> atV4 = schema();

        CommandFailure refused = assertThrows(CommandFailure.class, () -> run(flyway, "undo"));
        assertTrue(refused.getMessage().startsWith("aegis undo refused: V4 (legacy bills to approvals) cannot be undone"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was undone"));
        // Refused as a whole: a plan crossing V4 undoes nothing either.
        assertThrows(CommandFailure.class, () -> run(flyway, "undo", "--to", "1"));
        assertEquals(atV4, schema());
        assertEquals("4", current(flyway));
    }

    @Test
    void theEventOutboxIsUndoneAndAppliedAgainToTheSameSchema() throws Exception {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "4");
        List<String> atV4 = schema();
        run(flyway, "migrate");
        List<String> atV5 = schema();

        assertTrue(run(flyway, "undo").contains("Undid V5 "));
        assertEquals(atV4, schema(), "undo of V5 restores V4's schema");
        assertEquals("4", current(flyway));
        run(flyway, "migrate");
        assertEquals(atV5, schema(), "V5 applied again gives the same schema");
    }

    @Test
    void aMigrationEditedAfterItWasAppliedFailsValidateWithItsName(@TempDir Path copy) throws Exception {
        Path common = copy.resolve("common");
        Path vendor = copy.resolve(db.folder());
        copyMigrations("db/migration/common", common, "V1__create_legacy_pending_bills.sql",
                "V2__create_audit_trail_and_approvals.sql");
        copyMigrations("db/migration/" + db.folder(), vendor, "V3__forbid_security_log_changes.sql");
        Flyway flyway = db.configure().locations("filesystem:" + common, "filesystem:" + vendor).load();
        run(flyway, "migrate");
        assertTrue(run(flyway, "validate").startsWith("Valid"));

        Path v2 = common.resolve("V2__create_audit_trail_and_approvals.sql");
        Files.writeString(v2, Files.readString(v2) + "\nCREATE INDEX ix_sneaky ON security_logs (type);\n");

        CommandFailure failure = assertThrows(CommandFailure.class, () -> run(flyway, "validate"));
        assertTrue(failure.getMessage().startsWith("aegis validate failed: V2 (create audit trail and approvals) was changed "
                + "after it was applied"), failure.getMessage());
        assertTrue(failure.getMessage().lines().count() == 1);
        assertNotEquals(-1, failure.getMessage().indexOf("restore the applied version"));
    }

    @Test
    void validateOnADatabaseBehindNamesThePendingMigration() {
        Flyway flyway = db.flyway();
        run(flyway, "migrate", "--target", "3");
        CommandFailure failure = assertThrows(CommandFailure.class, () -> run(flyway, "validate"));
        assertTrue(failure.getMessage().contains("V4 (legacy bills to approvals) is not applied yet — run `migrate`"),
                failure.getMessage());
    }

    @Test
    void baselineAdoptsAnOldSystemDatabaseThenMigrateAppliesTheRest() throws Exception {
        // The old system's database: it has pending_bills (V1's table) but no Flyway history.
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute(new String(resource("db/migration/common/V1__create_legacy_pending_bills.sql"), StandardCharsets.UTF_8));
            s.execute("INSERT INTO pending_bills (member_id, payee, amount, currency, status) VALUES ('old-1', 'Gas', 10.00, 'EUR', 'pending')");
        }
        Flyway flyway = db.flyway();
        assertTrue(run(flyway, "baseline", "--version", "1").contains("recorded at version 1"));
        CommandFailure again = assertThrows(CommandFailure.class, () -> run(flyway, "baseline", "--version", "1"));
        assertTrue(again.getMessage().contains("already has a migration history"));

        run(flyway, "migrate");
        assertEquals(String.valueOf(HEAD), current(flyway));
        try (Connection c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pending_approvals WHERE member_id = 'old-1'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void migrateOnTheOldSystemsDatabaseWithoutHistoryTellsToBaselineFirst() throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute(new String(resource("db/migration/common/V1__create_legacy_pending_bills.sql"), StandardCharsets.UTF_8));
        }
        CommandFailure refused = assertThrows(CommandFailure.class, () -> run(db.flyway(), "migrate"));
        assertTrue(refused.getMessage().contains("run `baseline --version 1`"), refused.getMessage());
    }

    static String current(Flyway flyway) {
        var current = flyway.info().current();
        return current == null ? null : current.getVersion().getVersion();
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = MigrationWorkflowContract.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static void copyMigrations(String from, Path to, String... names) throws IOException {
        Files.createDirectories(to);
        for (String name : names) {
            Files.write(to.resolve(name), resource(from + "/" + name));
        }
    }
}
