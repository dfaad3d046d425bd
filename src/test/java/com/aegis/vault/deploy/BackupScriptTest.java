package com.aegis.vault.deploy;

import com.aegis.vault.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/base/backup/pg-backup.sh, the script the backup init-container runs, against a real database: no
 * dump when nothing is pending; a custom-format dump named after the first pending migration when something
 * is, which pg_restore brings back whole into an empty database. Needs pg_dump and pg_restore on the PATH.
 */
class BackupScriptTest {

    static final Path SCRIPT = Kustomize.DEPLOY.resolve("base/backup/pg-backup.sh");

    @TempDir
    Path dir;
    String database;

    @BeforeAll
    static void needsClientTools() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v pg_dump && command -v pg_restore").start().waitFor() == 0,
                "pg_dump/pg_restore not installed: the backup script is NOT checked");
    }

    @BeforeEach
    void database() throws Exception {
        database = PostgresTestDatabase.createDatabase("aegis_backup");
        sql(database, "CREATE TABLE t (id int PRIMARY KEY, v varchar(10))", "INSERT INTO t SELECT g, 'x' FROM generate_series(1, 500) g");
    }

    @AfterEach
    void drop() {
        PostgresTestDatabase.dropDatabase(database);
    }

    String runScript(String pendingText) throws Exception {
        Path plan = dir.resolve("pending");
        Files.writeString(plan, pendingText);
        Files.createDirectories(dir.resolve("backups"));
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AEGIS_PENDING_FILE", plan.toString());
        env.put("AEGIS_BACKUP_DIR", dir.resolve("backups").toString());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", PostgresTestDatabase.urlOf(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresTestDatabase.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresTestDatabase.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    List<Path> dumps() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            return files.toList();
        }
    }

    @Test
    void nothingPendingTakesNoBackup() throws Exception {
        assertTrue(runScript("").contains("no pending migration, no backup needed"));
        assertEquals(List.of(), dumps());
    }

    @Test
    void somethingPendingDumpsTheDatabaseAndTheDumpRestoresWhole() throws Exception {
        String out = runScript("V5 create event outbox\nV6 add member phone\n");
        List<Path> dumps = dumps();
        assertEquals(1, dumps.size(), out);
        assertTrue(dumps.get(0).getFileName().toString().matches("aegis-before-V5-\\d{8}T\\d{6}Z-.+\\.dump"), dumps.toString());
        assertTrue(out.contains("backup: wrote " + dumps.get(0)), out);

        String restored = PostgresTestDatabase.createDatabase("aegis_restored");
        try {
            Process p = new ProcessBuilder("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                    "--dbname=" + PostgresTestDatabase.urlOf(restored).replace("jdbc:", ""), "--username=" + PostgresTestDatabase.user(),
                    dumps.get(0).toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
            try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(restored), PostgresTestDatabase.user(),
                    PostgresTestDatabase.password()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(500, rs.getInt(1));
            }
        } finally {
            PostgresTestDatabase.dropDatabase(restored);
        }
    }

    private static void sql(String db, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlOf(db), PostgresTestDatabase.user(),
                PostgresTestDatabase.password()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
