package com.aegis.vault.schema.lint;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * .ci/lint-migrations.sh (squawk) fails a migration that would lock the serving pods or break the previous
 * release, accepts an additive one and an inline ignore that gives its reason, and refuses an ignore without one.
 * Needs npm (the script installs the pinned squawk-cli); without it the test reports itself skipped.
 */
class MigrationLintTest {

    static final Path SCRIPT = Path.of(".ci/lint-migrations.sh");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNpm() throws Exception {
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v npm").start().waitFor() == 0,
                "npm is not installed: the migration lint is NOT checked (.ci/run installs npm)");
    }

    record Result(int exit, String output) {
    }

    Result lint(String name, String sql) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Files.writeString(file, sql);
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void anAdditiveMigrationPasses() throws Exception {
        Result r = lint("V9__add_outbox.sql", """
                CREATE TABLE outbox (id UUID PRIMARY KEY, body VARCHAR(1000) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL);
                CREATE INDEX ix_outbox_created ON outbox (created_at);
                ALTER TABLE pending_bills ADD COLUMN note VARCHAR(100);
                """);
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void whatBreaksARollingUpdateFails() throws Exception {
        for (String[] c : new String[][]{
                {"CREATE INDEX ix_x ON security_logs (type);", "require-concurrent-index-creation"},
                {"ALTER TABLE pending_bills ADD COLUMN x BIGINT NOT NULL;", "adding-required-field"},
                {"ALTER TABLE pending_bills DROP COLUMN description;", "ban-drop-column"},
                {"ALTER TABLE pending_bills RENAME COLUMN payee TO payee_name;", "renaming-column"},
                {"DROP TABLE idempotency_keys;", "ban-drop-table"},
                {"ALTER TABLE security_logs ALTER COLUMN details TYPE TEXT;", "changing-column-type"},
                {"ALTER TABLE pending_bills ADD CONSTRAINT ck_amount CHECK (amount > 0);", "constraint-missing-not-valid"}}) {
            Result r = lint("V9__change.sql", c[0] + "\n");
            assertEquals(1, r.exit(), c[0] + ": " + r.output());
            assertTrue(r.output().contains(c[1]), c[0] + " must be reported as " + c[1] + ": " + r.output());
        }
    }

    @Test
    void anInlineIgnorePassesOnlyWithAReason() throws Exception {
        String statement = "ALTER TABLE pending_bills DROP COLUMN description;\n";
        Result withReason = lint("V9__drop.sql",
                "-- squawk-ignore ban-drop-column -- contract step: no release since 1.2 reads it\n" + statement);
        assertEquals(0, withReason.exit(), withReason.output());

        Result bare = lint("V9__drop.sql", "-- squawk-ignore ban-drop-column\n" + statement);
        assertEquals(1, bare.exit(), bare.output());
        assertTrue(bare.output().contains("squawk-ignore without a reason"), bare.output());
    }
}
