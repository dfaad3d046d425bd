package com.aegis.vault.schema;


import org.flywaydb.core.api.MigrationVersion;

/** How a schema version reads in messages: "none (empty database)" before the first migration. */
public final class Versions {

    private Versions() {
    }


    public static String label(String version) {
        return version == null || version.isEmpty() ? "none (empty database)" : version;
    }

    public static String label(MigrationVersion version) {
        return version == null ? "none (empty database)" : version.getVersion();
    }
}
