package com.aegis.vault.command;

import com.aegis.vault.schema.SchemaStatus;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code info} — Alembic's {@code history}, {@code current} and {@code heads} in one table:
 * the arrow marks the version the database is at, "(head)" the newest version this build ships.
 */
final class InfoCommand {

    private static final DateTimeFormatter INSTALLED_ON =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-3s%-9s%-36s%-6s%-14s%-22s%s%n";

    private final Flyway flyway;
    private final PrintStream out;

    InfoCommand(Flyway flyway, PrintStream out) {
        this.flyway = flyway;
        this.out = out;
    }

    void run() {
        SchemaStatus status = SchemaStatus.of(flyway);
        out.printf(ROW, "", "Version", "Description", "Type", "State", "Installed on", "Time");
        for (MigrationInfo m : status.all()) {
            boolean isCurrent = m.getVersion() != null && m.getVersion().equals(status.current());
            boolean isHead = m.getVersion() != null && m.getVersion().equals(status.head());
            out.printf(ROW,
                    isCurrent ? "->" : "",
                    m.getVersion() == null ? "R" : m.getVersion().getVersion(),
                    m.getDescription() + (isHead ? " (head)" : ""),
                    m.getType().name(),
                    m.getState().getDisplayName(),
                    m.getInstalledOn() == null ? "" : INSTALLED_ON.format(m.getInstalledOn().toInstant()),
                    m.getExecutionTime() == null ? "" : m.getExecutionTime() + " ms");
        }
        out.println();
        out.println("Current version: " + status.currentLabel());
        out.println("Head of this build: " + status.headLabel());
        String problem = status.problem();
        out.println(problem == null ? "Status: up to date" : "Status: " + problem);
    }
}
