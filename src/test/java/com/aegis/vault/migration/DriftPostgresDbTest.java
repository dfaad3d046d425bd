package com.aegis.vault.migration;

import com.aegis.vault.command.CommandFailure;
import com.aegis.vault.command.CommandLine;
import com.aegis.vault.command.MigrationCommands;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drift} on PostgreSQL: clean on a freshly migrated database (at every version), and each change made
 * by hand behind the migrations' back is one line naming the object — exit 1 through {@link CommandFailure}.
 */
class DriftPostgresDbTest {

    Vendor db;
    Flyway flyway;

    @BeforeEach
    void migrate() {
        db = Vendor.postgres();
        flyway = db.flyway();
        run("migrate");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MigrationCommands.run(flyway, CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs drift after {@code sql} and returns its difference lines (it must fail). */
    List<String> driftAfter(String... sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandFailure failure = assertThrows(CommandFailure.class, () -> MigrationCommands.run(flyway,
                CommandLine.parse("drift"), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(CommandFailure.FAILED, failure.exitCode());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(failure.getMessage().startsWith("aegis drift: " + lines.size() + " difference(s) from the schema at version 5"),
                failure.getMessage());
        return lines;
    }

    @Test
    void aFreshlyMigratedDatabaseHasNoDrift() {
        String out = run("drift");
        assertTrue(out.matches("No drift: the schema matches version 5 \\(110 objects compared in \\d+ ms\\)\\.\\s*"), out);
    }

    @Test
    void everyVersionOnTheWayUpIsClean() {
        Vendor fresh = Vendor.postgres();
        try (fresh) {
            Flyway f = fresh.flyway();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            MigrationCommands.run(f, CommandLine.parse("drift"), print);
            for (String v : List.of("1", "2", "3", "4", "5")) {
                MigrationCommands.run(f, CommandLine.parse("migrate", "--target", v), print);
                MigrationCommands.run(f, CommandLine.parse("drift"), print);
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("No drift: the schema matches version none (empty database)"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("No drift: the schema matches version 3"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAppendOnlyTriggerDroppedIsCaught() throws Exception {
        List<String> lines = driftAfter("DROP TRIGGER security_logs_no_update_delete ON security_logs");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("trigger security_logs.security_logs_no_update_delete: missing (the schema at V5 has it: "
                + "ENABLED CREATE TRIGGER security_logs_no_update_delete BEFORE DELETE OR UPDATE ON security_logs"), lines.get(0));
    }

    @Test
    void theAppendOnlyTriggerDisabledIsCaught() throws Exception {
        List<String> lines = driftAfter("ALTER TABLE security_logs DISABLE TRIGGER security_logs_no_update_delete");
        assertEquals(List.of("trigger security_logs.security_logs_no_update_delete: DISABLED (ALTER TABLE … DISABLE TRIGGER): "
                + "it must be enabled — re-enable it with ALTER TABLE security_logs ENABLE TRIGGER security_logs_no_update_delete"), lines);
    }

    @Test
    void allTriggersDisabledAtOnceAreEachCaught() throws Exception {
        List<String> lines = driftAfter("ALTER TABLE security_logs DISABLE TRIGGER USER");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.contains("DISABLED")));
    }

    @Test
    void theTriggersFunctionReplacedIsCaught() throws Exception {
        List<String> lines = driftAfter("CREATE OR REPLACE FUNCTION security_logs_refuse_change() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("function security_logs_refuse_change(): differs: expected"), lines.get(0));
    }

    @Test
    void anIndexAddedByHandIsCaught() throws Exception {
        List<String> lines = driftAfter("CREATE INDEX ix_hand_made ON security_logs (type)");
        assertEquals(List.of("index security_logs.ix_hand_made: not in the schema at V5 (made by hand?): "
                + "CREATE INDEX ix_hand_made ON security_logs USING btree (type)"), lines);
    }

    @Test
    void anIndexDroppedByHandIsCaught() throws Exception {
        List<String> lines = driftAfter("DROP INDEX ix_security_logs_member_occurred");
        assertEquals(List.of("index security_logs.ix_security_logs_member_occurred: missing (the schema at V5 has it: "
                + "CREATE INDEX ix_security_logs_member_occurred ON security_logs USING btree (member_id, occurred_at))"), lines);
    }

    @Test
    void aColumnTypeChangedIsCaught() throws Exception {
        List<String> lines = driftAfter("ALTER TABLE security_logs ALTER COLUMN details TYPE text");
        assertEquals(List.of("column security_logs.details: differs: expected \"character varying(16000) NOT NULL\", "
                + "found \"text NOT NULL\""), lines);
    }

    @Test
    void nullabilityAndDefaultsChangedAreCaught() throws Exception {
        List<String> lines = driftAfter("ALTER TABLE pending_approvals ALTER COLUMN payee DROP NOT NULL",
                "ALTER TABLE pending_bills ALTER COLUMN status DROP DEFAULT");
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.contains("column pending_approvals.payee: differs: expected \"character varying(200) NOT NULL\", "
                + "found \"character varying(200) NULL\""), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("column pending_bills.status: differs")), lines.toString());
    }

    @Test
    void aConstraintDroppedIsCaught() throws Exception {
        List<String> lines = driftAfter("ALTER TABLE security_logs DROP CONSTRAINT ck_security_logs_risk_score");
        assertEquals(List.of("constraint security_logs.ck_security_logs_risk_score: missing (the schema at V5 has it: "
                + "CHECK (((risk_score >= 0) AND (risk_score <= 100))))"), lines);
    }

    @Test
    void aTableAddedByHandIsCaughtWithItsColumns() throws Exception {
        List<String> lines = driftAfter("CREATE TABLE scratch (id int)");
        assertTrue(lines.contains("table scratch: not in the schema at V5 (made by hand?)"), lines.toString());
        assertTrue(lines.contains("column scratch.id: not in the schema at V5 (made by hand?): integer NULL"), lines.toString());
    }

    @Test
    void aDatabaseAheadOfThisBuildIsReportedNotCompared() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, installed_on, execution_time, success) SELECT max(installed_rank) + 1, '99', 'from the future', "
                    + "'SQL', 'V99__from_the_future.sql', 0, 'test', now(), 0, true FROM flyway_schema_history");
        }
        CommandFailure failure = assertThrows(CommandFailure.class, () -> run("drift"));
        assertTrue(failure.getMessage().contains("this build has no schema snapshot of version 99"), failure.getMessage());
    }
}
