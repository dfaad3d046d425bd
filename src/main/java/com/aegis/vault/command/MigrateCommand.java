package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import com.aegis.vault.schema.FlywayVariant;
import com.aegis.vault.schema.MigrationPlan;
import com.aegis.vault.schema.SchemaStatus;
import com.aegis.vault.schema.Versions;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code migrate [--target V]} — Alembic's {@code upgrade head} / {@code upgrade <rev>}. Every migration
 * runs in its own transaction; on PostgreSQL Flyway holds an advisory lock for the whole run, so
 * several pods starting at once apply each migration exactly once.
 */
final class MigrateCommand {

    private final Flyway flyway;
    private final PrintStream out;

    MigrateCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run(String target) {
        Flyway runner = runner(target);
        MigrateResult result;
        try {
            result = runner.migrate();
        } catch (FlywayException e) {
            throw failure(e);
        }
        String now = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        if (result.migrationsExecuted == 0) {
            out.println("Nothing to migrate: the schema is at version " + Versions.label(now) + ".");
            return;
        }
        result.migrations.forEach(m -> out.printf("Applied V%s %s (%d ms)%n", m.version, m.description, m.executionTime));
        out.printf("Migrated %d migration(s): version %s -> %s.%n", result.migrationsExecuted,
                Versions.label(result.initialSchemaVersion), Versions.label(now));
    }

    /**
     * {@code migrate --dry-run}: what {@link #run} would apply, as a script a reviewer can read (SQL as is,
     * everything else as comments). Nothing is written, not even Flyway's history table.
     */
    void dryRun(String target) {
        Flyway runner = runner(target);
        List<MigrationPlan.Step> plan;
        try {
            plan = MigrationPlan.pending(runner);
        } catch (FlywayException e) {
            throw failure(e);
        }
        String from = SchemaStatus.of(runner).currentLabel();
        if (plan.isEmpty()) {
            out.println("-- Dry run: nothing to migrate, the schema is at version " + from + ". Nothing was changed.");
            return;
        }
        out.println("-- Dry run of migrate: " + plan.size() + " migration(s) from version " + from + " to "
                + plan.get(plan.size() - 1).label().split(" ")[0].substring(1) + ", each in its own transaction.");
        DryRunOutput.print(out, plan);
        out.println("-- End of dry run: nothing was changed.");
    }

    private Flyway runner(String target) {
        return target == null ? flyway : FlywayVariant.of(flyway, c -> c.target(CommandLine.version(target)));
    }

    private CommandFailure failure(FlywayException e) {
        String cause = FailureMessages.describe(e);
        if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            return new CommandFailure("aegis migrate refused: the database already has tables but no migration history "
                    + "(the old system's database?); run `baseline --version 1` (or the version it is at), then `migrate`");
        }
        if (e instanceof FlywayValidateException) {
            return new CommandFailure("aegis migrate refused, nothing was applied: the migrations applied to the database "
                    + "differ from this build (" + cause + "); run `validate` for what to do");
        }
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState().isFailed()) {
                // Only databases without transactional DDL (H2) can keep a failed row.
                return new CommandFailure("aegis migrate failed at V" + info.getVersion() + " (" + info.getDescription()
                        + "): " + cause + " — it was partly applied: fix the cause, revert its changes by hand, "
                        + "run `repair`, then `migrate` again");
            }
        }
        MigrationInfo[] pending = flyway.info().pending();
        String which = pending.length == 0 ? "" : " at V" + pending[0].getVersion() + " (" + pending[0].getDescription() + ")";
        if (cause.contains("lock timeout")) {
            return new CommandFailure("aegis migrate failed" + which + ": it waited longer than lock_timeout for a lock "
                    + "that serving transactions held (" + cause + ") — nothing of it was applied (rolled back); run migrate "
                    + "again (the Job/init-container retries), at a quieter time if it keeps failing");
        }
        return new CommandFailure("aegis migrate failed" + which + ": " + cause
                + " — nothing of it was applied (rolled back); fix the cause and run migrate again");
    }
}
