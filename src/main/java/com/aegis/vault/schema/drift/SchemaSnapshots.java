package com.aegis.vault.schema.drift;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The reference drift compares against: for every version this build ships, the PostgreSQL schema a fresh
 * database migrated to that version has, committed as {@code db/schema/postgresql/V<version>.schema}
 * (one {@link SchemaObject} per line). Committed rather than built on the fly in a scratch schema because the
 * production credentials that run {@code drift} should not be able to create schemas, and a resource works
 * the same in the native image. SchemaSnapshotsTest proves each file matches what the migrations build.
 */
public final class SchemaSnapshots {

    public static final String FOLDER = "db/schema/postgresql";
    public static final String REGENERATE = "./mvnw test -Pschema-snapshots";

    private SchemaSnapshots() {
    }

    public static String resource(String version) {
        return FOLDER + "/V" + version + ".schema";
    }

    /** The schema at {@code version}; empty when this build has no snapshot of it. A null version is the empty schema. */
    public static Optional<List<SchemaObject>> of(String version) {
        if (version == null) {
            return Optional.of(List.of());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : SchemaSnapshots.class.getClassLoader())
                .getResourceAsStream(resource(version))) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SchemaObject> parse(String text) {
        return text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(SchemaObject::parse)
                .sorted()
                .toList();
    }

    public static String format(String version, List<SchemaObject> objects) {
        StringBuilder text = new StringBuilder("# The PostgreSQL schema at V" + version + ", as `drift` compares it."
                + " Generated, do not edit: " + REGENERATE + "\n");
        objects.stream().sorted().forEach(o -> text.append(o.line()).append('\n'));
        return text.toString();
    }
}
