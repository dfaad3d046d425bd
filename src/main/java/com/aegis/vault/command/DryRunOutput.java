package com.aegis.vault.command;

import com.aegis.vault.schema.MigrationPlan;

import java.io.PrintStream;
import java.util.List;

/** Prints a dry run's steps as one reviewable script: SQL as is, descriptions as SQL comments. */
final class DryRunOutput {

    private DryRunOutput() {
    }

    static void print(PrintStream out, List<MigrationPlan.Step> steps) {
        for (MigrationPlan.Step step : steps) {
            out.println();
            out.println("-- ==== " + step.label() + " (" + step.source() + ")");
            if (step.sql()) {
                out.println(step.body().stripTrailing());
            } else {
                step.body().lines().forEach(line -> out.println("-- " + line));
            }
        }
        out.println();
    }
}
