package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.PrintStream;

/**
 * Dispatches a parsed command to its implementation. Plain Java over a {@link Flyway} instance, so
 * the same code runs in the packaged application and in tests driving any database directly.
 */
public final class MigrationCommands {

    private MigrationCommands() {
    }

    public static void run(Flyway flyway, CommandLine line, PrintStream out) {
        try {
            switch (line.command()) {
                case "migrate" -> {
                    MigrateCommand migrate = new MigrateCommand(flyway, out);
                    if (line.dryRun()) {
                        migrate.dryRun(line.option("target"));
                    } else {
                        migrate.run(line.option("target"));
                    }
                }
                case "info" -> new InfoCommand(flyway, out).run();
                case "pending" -> new PendingCommand(flyway, out).run(line.option("write"));
                case "validate" -> new ValidateCommand(flyway, out).run();
                case "drift" -> new DriftCommand(flyway, out).run();
                case "undo" -> new UndoCommand(flyway, out).run(line.option("to"), line.dryRun());
                case "baseline" -> new BaselineCommand(flyway, out).run(line.option("version"));
                case "repair" -> new RepairCommand(flyway, out).run();
                default -> throw new CommandFailure(CommandFailure.USAGE, "aegis: unknown command " + line.command());
            }
        } catch (FlywayException e) {
            throw new CommandFailure("aegis " + line.command() + " failed: " + FailureMessages.describe(e));
        }
    }
}
