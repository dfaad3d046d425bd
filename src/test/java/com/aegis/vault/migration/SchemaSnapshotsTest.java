package com.aegis.vault.migration;

import com.aegis.vault.schema.drift.LiveSchema;
import com.aegis.vault.schema.drift.SchemaDrift;
import com.aegis.vault.schema.drift.SchemaObject;
import com.aegis.vault.schema.drift.SchemaSnapshots;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The schema snapshots {@code drift} compares against are exactly what the migrations build: a fresh
 * PostgreSQL database is migrated one version at a time and, after each, its catalogs must equal the
 * committed {@code src/main/resources/db/schema/postgresql/V<n>.schema}. A migration added without its
 * snapshot, or changed after its snapshot was made, fails here with the command that regenerates them:
 * {@code ./mvnw test -Pschema-snapshots} (which runs this test with {@code -Daegis.schema-snapshots.write=true}).
 */
class SchemaSnapshotsTest {

    static final Path FOLDER = Path.of("src/main/resources").resolve(SchemaSnapshots.FOLDER);

    @Test
    void everyVersionsSnapshotIsWhatAFreshDatabaseMigratedToItHas() throws Exception {
        boolean write = Boolean.getBoolean("aegis.schema-snapshots.write");
        List<String> problems = new ArrayList<>();
        TreeSet<String> expectedFiles = new TreeSet<>();
        try (Vendor db = Vendor.postgres()) {
            FluentConfiguration config = db.configure()
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql");
            List<MigrationInfo> versions = Arrays.stream(config.load().info().all())
                    .filter(MigrationInfo::isVersioned).toList();
            for (MigrationInfo version : versions) {
                String v = version.getVersion().getVersion();
                Flyway.configure().configuration(config).target(version.getVersion()).load().migrate();
                List<SchemaObject> live;
                try (Connection c = db.connect()) {
                    live = LiveSchema.read(c, config.getTable());
                }
                Path file = FOLDER.resolve("V" + v + ".schema");
                expectedFiles.add(file.getFileName().toString());
                if (write) {
                    Files.createDirectories(FOLDER);
                    Files.writeString(file, SchemaSnapshots.format(v, live));
                    System.out.println("[schema-snapshots] wrote " + file + " (" + live.size() + " objects)");
                } else if (!Files.exists(file)) {
                    problems.add(file + " is missing: V" + v + " (" + version.getDescription()
                            + ") was added without its schema snapshot");
                } else {
                    List<String> differences = SchemaDrift.differences(v, SchemaSnapshots.parse(Files.readString(file)), live);
                    if (!differences.isEmpty()) {
                        problems.add(file + " differs from what migrating a fresh database to V" + v + " builds:\n    "
                                + String.join("\n    ", differences));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.exists(FOLDER) ? Files.list(FOLDER) : Stream.empty()) {
            files.map(f -> f.getFileName().toString()).filter(f -> !expectedFiles.contains(f)).forEach(stale -> problems.add(
                    FOLDER.resolve(stale) + " belongs to no migration of this build (renumbered or removed?): delete it"));
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\nRegenerate the snapshots with " + SchemaSnapshots.REGENERATE
                    + " , review the diff and commit src/main/resources/" + SchemaSnapshots.FOLDER + ".");
        }
    }
}
