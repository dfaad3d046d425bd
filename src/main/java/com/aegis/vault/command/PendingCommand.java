package com.aegis.vault.command;

import com.aegis.vault.schema.SchemaStatus;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code pending [--write FILE]} — the migrations {@code migrate} would apply, one per line, nothing when the
 * schema is up to date. With {@code --write} the same lines go to FILE (empty when nothing is pending): the
 * backup init-container (deploy/) reads it to take a pg_dump only when a migration is about to run. The
 * file is how the decision crosses from this image to the PostgreSQL client image, which has no Java.
 */
final class PendingCommand {

    private final Flyway flyway;
    private final PrintStream out;

    PendingCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run(String file) {
        SchemaStatus status = SchemaStatus.of(flyway);
        List<String> lines = status.pending().stream().map(m -> "V" + m.getVersion() + " " + m.getDescription()).toList();
        lines.forEach(out::println);
        if (file != null) {
            try {
                Files.write(Path.of(file), lines);
            } catch (IOException e) {
                throw new CommandFailure("aegis pending failed: cannot write " + file + ": " + e.getMessage());
            }
        }
    }
}
