package com.aegis.vault.migration;

import com.aegis.vault.testing.PackagedApp;
import com.aegis.vault.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration commands of the packaged application (jar, or native executable with -Dnative), as the Kubernetes init-container, Job and operators run them. */
class MigrationCommandsProcessIT {

    String database;
    PackagedApp app;

    @BeforeEach
    void emptyDatabase() {
        database = PostgresTestDatabase.createDatabase("aegis_cli");
        app = new PackagedApp(database);
    }

    @AfterEach
    void drop() {
        PostgresTestDatabase.dropDatabase(database);
    }

    @Test
    void migrateInfoValidateOnAnEmptyDatabaseWithoutOpeningTheHttpPort() throws Exception {
        long start = System.nanoTime();
        PackagedApp.Result migrate = app.run("migrate");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, migrate.exitCode(), migrate.stderr());
        assertTrue(migrate.stdout().contains("Migrated 5 migration(s): version none (empty database) -> 5."), migrate.stdout());
        System.out.printf("migrate on an empty PostgreSQL database: %d ms wall (process start included)%n", millis);

        // The HTTP port is taken: a command that tried to serve HTTP would fail to start.
        PackagedApp.Result info;
        try (ServerSocket taken = new ServerSocket(0)) {
            info = app.run(Map.of("QUARKUS_HTTP_PORT", String.valueOf(taken.getLocalPort())), "info");
        }
        assertEquals(0, info.exitCode(), info.stderr());
        assertTrue(info.stdout().contains("-> 5 "), info.stdout());
        assertTrue(info.stdout().contains("Status: up to date"), info.stdout());

        PackagedApp.Result validate = app.run("validate");
        assertEquals(0, validate.exitCode(), validate.stderr());
        assertEquals("", validate.stderr());
    }

    @Test
    void dryRunAndDriftPrintOnlyTheirResultAndMigrateGivesUpOnALockItCannotGet() throws Exception {
        PackagedApp.Result dryRun = app.run("migrate", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.stderr());
        assertTrue(dryRun.stdout().startsWith("-- Dry run of migrate: 5 migration(s) from version none (empty database) to 5"),
                "a script to keep, no log line in it: " + dryRun.stdout());
        assertTrue(tables().isEmpty(), "the dry run created nothing, not even the history table");

        app.run("migrate", "--target", "3");
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(database), PostgresTestDatabase.user(),
                PostgresTestDatabase.password()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE pending_bills IN ACCESS EXCLUSIVE MODE"); // a long transaction of a serving pod
            PackagedApp.Result blocked = app.run("migrate");
            c.rollback();
            assertEquals(1, blocked.exitCode(), blocked.stdout());
            assertTrue(blocked.stderr().contains("aegis migrate failed at V4 (legacy bills to approvals): it waited longer "
                    + "than lock_timeout"), blocked.stderr());
        }
        assertEquals(0, app.run("migrate").exitCode(), "after the lock is gone a retry applies it");

        PackagedApp.Result drift = app.run("drift");
        assertEquals(0, drift.exitCode(), drift.stderr());
        assertTrue(drift.stdout().startsWith("No drift: the schema matches version 5"), drift.stdout());
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(database), PostgresTestDatabase.user(),
                PostgresTestDatabase.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void failuresExitNonZeroWithOneLineOnStandardErrorAndNoStackTrace() throws Exception {
        app.run("migrate", "--target", "4");
        List<PackagedApp.Result> failures = new ArrayList<>();
        failures.add(app.run("undo"));                       // V4 refuses
        failures.add(app.run("undo", "--to", "9"));          // not an applied version
        failures.add(app.run("baseline", "--version", "1")); // already has history
        failures.add(app.run("frobnicate"));                 // usage
        failures.add(app.run(Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "QUARKUS_DATASOURCE_PASSWORD", "hunter2"), "migrate"));
        for (PackagedApp.Result failure : failures) {
            assertTrue(failure.exitCode() != 0, failure.stdout());
            assertEquals(1, failure.stderr().strip().lines().count(), failure.stderr());
            assertTrue(failure.stderr().startsWith("aegis"), failure.stderr());
            assertFalse((failure.stdout() + failure.stderr()).contains("\tat "), "no stack trace: " + failure.stdout());
            assertFalse((failure.stdout() + failure.stderr()).contains("hunter2"), "no password");
        }
        assertTrue(failures.get(0).stderr().contains("V4 (legacy bills to approvals) cannot be undone"));
        assertEquals(2, failures.get(3).exitCode());
        assertTrue(failures.get(4).stderr().contains("check QUARKUS_DATASOURCE_JDBC_URL or DATABASE_URL"));
    }

    @Test
    void undoAndMigrateTargetWalkTheHistoryAndDatabaseUrlIsAccepted() throws Exception {
        assertEquals(0, app.run("migrate", "--target", "3").exitCode());
        PackagedApp.Result undo = app.run("undo");
        assertEquals(0, undo.exitCode(), undo.stderr());
        assertTrue(undo.stdout().contains("Undid V3 (forbid security log changes) with classpath:db/migration/postgresql/"
                + "U3__forbid_security_log_changes.sql"), undo.stdout());

        String url = PostgresTestDatabase.urlOf(database).replace("jdbc:postgresql://", "postgresql://"
                + PostgresTestDatabase.user() + ":" + PostgresTestDatabase.password() + "@");
        PackagedApp.Result viaDatabaseUrl = app.run(Map.of("DATABASE_URL", url,
                "QUARKUS_DATASOURCE_JDBC_URL", ""), "migrate");
        assertEquals(0, viaDatabaseUrl.exitCode(), viaDatabaseUrl.stderr());
        assertEquals(List.of("1", "2", "3", "4", "5"), appliedVersions(database));
    }

    static List<String> appliedVersions(String database) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(database), PostgresTestDatabase.user(),
                PostgresTestDatabase.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                     + "ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
