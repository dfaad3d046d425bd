package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import com.aegis.vault.schema.SchemaStatus;
import com.aegis.vault.schema.drift.LiveSchema;
import com.aegis.vault.schema.drift.SchemaDrift;
import com.aegis.vault.schema.drift.SchemaObject;
import com.aegis.vault.schema.drift.SchemaSnapshots;

import org.flywaydb.core.Flyway;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code drift} — compares the live schema with the snapshot of the version the database is at (tables,
 * columns, indexes, constraints, triggers and whether they are enabled, functions): prints one line per
 * difference and exits 1, or says it matches. Read-only.
 */
final class DriftCommand {

    private final Flyway flyway;
    private final PrintStream out;

    DriftCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run() {
        SchemaStatus status = SchemaStatus.of(flyway);
        String version = status.current() == null ? null : status.current().getVersion();
        List<SchemaObject> expected = SchemaSnapshots.of(version).orElseThrow(() -> new CommandFailure(
                "aegis drift failed: this build has no schema snapshot of version " + version + " ("
                        + SchemaSnapshots.resource(version) + "); the database is ahead of this build — run drift with "
                        + "the build that applied V" + version));
        long start = System.nanoTime();
        List<SchemaObject> live;
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            if (!LiveSchema.supports(connection)) {
                throw new CommandFailure("aegis drift: only PostgreSQL is compared (the H2 database is for development "
                        + "only and has no catalog of triggers to check)");
            }
            live = LiveSchema.read(connection, flyway.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new CommandFailure("aegis drift failed: " + FailureMessages.describe(e));
        }
        List<String> differences = SchemaDrift.differences(status.currentLabel(), expected, live);
        if (differences.isEmpty()) {
            out.println("No drift: the schema matches version " + status.currentLabel() + " (" + expected.size()
                    + " objects compared in " + (System.nanoTime() - start) / 1_000_000 + " ms).");
            return;
        }
        differences.forEach(out::println);
        throw new CommandFailure("aegis drift: " + differences.size() + " difference(s) from the schema at version "
                + status.currentLabel() + " (listed above); put a wanted change in a new migration, revert an unwanted one");
    }
}
