package com.aegis.vault.command;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code repair} — Flyway's repair: removes the entries of failed migrations from the history table
 * and realigns the checksums and descriptions of applied migrations with this build's files.
 */
final class RepairCommand {

    private final Flyway flyway;
    private final PrintStream out;

    RepairCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run() {
        RepairResult result = flyway.repair();
        report("Removed failed entry", result.migrationsRemoved);
        report("Marked missing as deleted", result.migrationsDeleted);
        report("Realigned checksum/description of", result.migrationsAligned);
        int changes = size(result.migrationsRemoved) + size(result.migrationsDeleted) + size(result.migrationsAligned);
        out.println(changes == 0 ? "Repair: the history table needed no change."
                : "Repair done: " + changes + " history entr" + (changes == 1 ? "y" : "ies") + " fixed; run `validate`.");
    }

    private void report(String what, List<RepairOutput> outputs) {
        if (outputs != null) {
            outputs.forEach(o -> out.println(what + " V" + o.version + " (" + o.description + ")"));
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
