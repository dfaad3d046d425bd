package com.aegis.vault.migration;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

/** Version arguments and labels: "4", "V4" and "v4" mean the same version. */
final class Versions {

    private Versions() {
    }

    static MigrationVersion parse(String text) {
        String plain = text.startsWith("V") || text.startsWith("v") ? text.substring(1) : text;
        try {
            return MigrationVersion.fromVersion(plain);
        } catch (FlywayException | NumberFormatException e) {
            throw new CommandFailure(CommandFailure.USAGE, "aegis: '" + text + "' is not a migration version (e.g. 3 or 3.1)");
        }
    }

    static String label(String version) {
        return version == null || version.isEmpty() ? "none (empty database)" : version;
    }

    static String label(MigrationVersion version) {
        return version == null ? "none (empty database)" : version.getVersion();
    }
}
