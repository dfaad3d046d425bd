package com.aegis.vault.command;

import com.aegis.vault.schema.FlywayVariant;
import com.aegis.vault.schema.SchemaStatus;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.BaselineResult;

import java.io.PrintStream;

/**
 * {@code baseline --version V} — Alembic's {@code stamp}: records that an existing database (e.g. the
 * old system's, which already has {@code pending_bills}) is at V without running anything; the next
 * {@code migrate} applies only what comes after V.
 */
final class BaselineCommand {

    private final Flyway flyway;
    private final PrintStream out;

    BaselineCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run(String versionText) {
        MigrationVersion version = CommandLine.version(versionText);
        SchemaStatus status = SchemaStatus.of(flyway);
        if (status.current() != null) {
            throw new CommandFailure("aegis baseline failed: the database already has a migration history (version "
                    + status.currentLabel() + "); baseline is only for a database that has none — use `info` to see it");
        }
        BaselineResult result = FlywayVariant.of(flyway, c -> c.baselineVersion(version)
                .baselineDescription("baseline: existing database adopted at V" + version)).baseline();
        out.println("Baselined: the database is now recorded at version " + result.baselineVersion
                + "; `migrate` will apply what comes after it.");
    }
}
