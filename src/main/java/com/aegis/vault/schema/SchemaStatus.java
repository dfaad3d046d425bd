package com.aegis.vault.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the database stands against this build: the version it is at ({@code current}), the newest
 * version this build ships ({@code head}), what is pending and what failed.
 */
public record SchemaStatus(MigrationVersion current, MigrationVersion head, List<MigrationInfo> all,
                           List<MigrationInfo> pending, List<MigrationInfo> failed) {

    public static SchemaStatus of(Flyway flyway) {
        MigrationInfoService info = flyway.info();
        List<MigrationInfo> all = Arrays.asList(info.all());
        MigrationVersion head = all.stream()
                .filter(m -> m.isVersioned() && m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(null);
        MigrationInfo current = info.current();
        return new SchemaStatus(current == null ? null : current.getVersion(), head, all,
                Arrays.asList(info.pending()),
                all.stream().filter(m -> m.getState().isFailed()).toList());
    }

    /** The database is at exactly the version this build expects, with nothing failed or pending. */
    public boolean upToDate() {
        return pending.isEmpty() && failed.isEmpty() && head != null && current != null && current.compareTo(head) >= 0;
    }

    public String currentLabel() {
        return Versions.label(current);
    }

    public String headLabel() {
        return head == null ? "none" : head.getVersion();
    }

    /** One sentence on why the schema is not usable by this build, or what to run; null when up to date. */
    public String problem() {
        if (!failed.isEmpty()) {
            MigrationInfo f = failed.get(0);
            return "migration V" + f.getVersion() + " (" + f.getDescription()
                    + ") failed half-way: revert its changes, run `repair`, then `migrate`";
        }
        if (!pending.isEmpty()) {
            return "database at version " + currentLabel() + ", this build expects " + headLabel() + ": "
                    + pending.size() + " pending migration(s) (" + describe(pending) + "): run `migrate`";
        }
        if (current == null || head == null || current.compareTo(head) < 0) {
            return "database at version " + currentLabel() + ", this build expects " + headLabel() + ": run `migrate`";
        }
        return null;
    }

    static String describe(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> "V" + m.getVersion() + " " + m.getDescription())
                .collect(Collectors.joining(", "));
    }
}
