package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import com.aegis.vault.schema.HistoryTable;
import com.aegis.vault.schema.MigrationPlan;
import com.aegis.vault.schema.UndoScript;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code undo [--to V]} — Alembic's {@code downgrade -1} / {@code downgrade V}, which Flyway's free
 * edition lacks. Each step runs the migration's {@code U} script and deletes its history row in one
 * transaction, newest first. The whole plan is checked before the first step: a missing undo script
 * or a migration declared irreversible stops the command with nothing undone.
 */
final class UndoCommand {

    /** The restore README's "Restoring a backup" documents and bench/drills/backup-restore.sh proves. */
    static final String RESTORE_COMMAND = "pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction "
            + "--dbname=<database URL> <dump file> (README: Restoring a backup)";

    private final Flyway flyway;
    private final PrintStream out;
    private final HistoryTable history;

    UndoCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
        this.history = new HistoryTable(flyway.getConfiguration());
    }

    void run(String to, boolean dryRun) {
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            MigrationVersion target = to == null ? null : CommandLine.version(to);
            if (dryRun) {
                dryRun(connection, target);
                return;
            }
            List<Step> plan = plan(connection, target);
            for (Step step : plan) {
                undo(connection, step);
            }
            List<HistoryTable.Row> left = history.versionedNewestFirst(connection);
            out.println("Undid " + plan.size() + " migration(s); the schema is now at version "
                    + (left.isEmpty() ? "none (empty database)" : left.get(0).version()) + ".");
        } catch (SQLException e) {
            throw new CommandFailure("aegis undo failed: " + FailureMessages.describe(e));
        }
    }

    private record Step(HistoryTable.Row row, UndoScript script) {
    }

    /**
     * {@code undo --dry-run} answers, as the contract says, with exit 0 and a plan; when the real undo would
     * refuse (an irreversible migration, nothing applied), the plan is that refusal, so an operator reads
     * the same reason and restore command that `undo` would print.
     */
    private void dryRun(Connection connection, MigrationVersion target) throws SQLException {
        List<Step> plan;
        try {
            plan = plan(connection, target);
        } catch (CommandFailure refusal) {
            out.println("-- Dry run of undo: the command would refuse and undo nothing:");
            out.println("-- " + refusal.getMessage());
            out.println("-- End of dry run: nothing was changed.");
            return;
        }
        printPlan(plan);
    }

    /** The scripts the plan would run, newest first; nothing is executed. */
    private void printPlan(List<Step> plan) {
        out.println("-- Dry run of undo: " + plan.size() + " migration(s), newest first, each with the removal of its "
                + "history row in one transaction.");
        DryRunOutput.print(out, plan.stream().map(step -> new MigrationPlan.Step("undo " + step.row().label(),
                step.script().location(), true, step.script().sql())).toList());
        out.println("-- End of dry run: nothing was changed.");
    }

    private List<Step> plan(Connection connection, MigrationVersion to) throws SQLException {
        List<HistoryTable.Row> rows = history.versionedNewestFirst(connection);
        for (HistoryTable.Row row : rows) {
            if (!row.success()) {
                throw new CommandFailure("aegis undo refused: " + row.label() + " failed half-way; revert its "
                        + "partial changes by hand and run `repair` first");
            }
        }
        if (rows.isEmpty()) {
            throw new CommandFailure("aegis undo: nothing to undo, no migration is applied");
        }
        List<HistoryTable.Row> toUndo = new ArrayList<>();
        if (to == null) {
            toUndo.add(rows.get(0));
        } else {
            boolean known = to.equals(MigrationVersion.fromVersion("0"))
                    || rows.stream().anyMatch(r -> MigrationVersion.fromVersion(r.version()).equals(to));
            if (!known) {
                throw new CommandFailure("aegis undo failed: version " + to + " is not applied to this database; "
                        + "run `info` and pick an applied version (or 0 to undo everything)");
            }
            rows.stream().filter(r -> MigrationVersion.fromVersion(r.version()).compareTo(to) > 0).forEach(toUndo::add);
            if (toUndo.isEmpty()) {
                throw new CommandFailure("aegis undo: nothing to undo, the database is already at version " + to);
            }
        }
        List<Step> plan = new ArrayList<>();
        for (HistoryTable.Row row : toUndo) {
            if (row.isBaseline()) {
                throw new CommandFailure("aegis undo refused: " + row.label() + " is the baseline the database was "
                        + "adopted at; nothing below it was run by Flyway, so nothing of it can be undone. Nothing was undone");
            }
            UndoScript script = UndoScript.find(flyway.getConfiguration(), row.version(), row.description())
                    .orElseThrow(() -> new CommandFailure("aegis undo refused: " + row.label() + " has no undo script "
                            + UndoScript.fileName(row.version(), row.description()) + " beside it; write one (or restore "
                            + "a backup). Nothing was undone"));
            script.irreversibleReason().ifPresent(reason -> {
                throw new CommandFailure("aegis undo refused: " + row.label() + " cannot be undone: " + reason
                        + ". Nothing was undone. To go back, restore the pg_dump taken before it (the backup "
                        + "init-container/Job writes aegis-before-V" + row.version() + "-*.dump): " + RESTORE_COMMAND);
            });
            plan.add(new Step(row, script));
        }
        return plan;
    }

    private void undo(Connection connection, Step step) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (!history.lock(connection, step.row())) {
                throw new CommandFailure("aegis undo stopped: " + step.row().label()
                        + " was undone by another process meanwhile; run `info`");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(step.script().sql());
            }
            history.delete(connection, step.row());
            connection.commit();
            out.println("Undid " + step.row().label() + " with " + step.script().location());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            if (e instanceof CommandFailure failure) {
                throw failure;
            }
            throw new CommandFailure("aegis undo of " + step.row().label() + " failed: " + FailureMessages.describe(e)
                    + " — rolled back, the database is still at V" + step.row().version() + "; fix "
                    + step.script().location() + " and run undo again");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
