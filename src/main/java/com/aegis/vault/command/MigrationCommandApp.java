package com.aegis.vault.command;

import com.aegis.vault.schema.FailureMessages;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

/** Runs one migration command with the Flyway instance Quarkus built for the default datasource. */
public class MigrationCommandApp implements QuarkusApplication {

    @Inject
    Flyway flyway;

    @Override
    public int run(String... args) {
        try {
            MigrationCommands.run(flyway, CommandLine.parse(args), System.out);
            return 0;
        } catch (CommandFailure failure) {
            System.err.println(failure.getMessage());
            return failure.exitCode();
        } catch (RuntimeException unexpected) {
            System.err.println("aegis " + args[0] + " failed: " + FailureMessages.describe(unexpected));
            return CommandFailure.FAILED;
        }
    }
}
