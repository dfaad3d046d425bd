package com.aegis.vault.schema;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The undo script of an applied migration: {@code U<version>__<description>.sql} beside its
 * {@code V} script, in the same Flyway locations (so the vendor folder picks the right dialect).
 * The name is derived from the history row, never found by scanning, so it works in the native image
 * (Quarkus embeds every file of the configured locations as a resource).
 * A script containing the line {@code -- aegis:irreversible <reason>} declares a migration that must
 * not be undone.
 */
public record UndoScript(String location, String sql) {

    public static final String IRREVERSIBLE = "-- aegis:irreversible";

    public static String fileName(String version, String description) {
        return "U" + version + "__" + description.replace(' ', '_') + ".sql";
    }

    public static Optional<UndoScript> find(Configuration configuration, String version, String description) {
        return read(configuration, fileName(version, description));
    }

    /** Any script of the configured locations by its file name (the dry run reads the V scripts this way too). */
    public static Optional<UndoScript> read(Configuration configuration, String name) {
        for (Location location : configuration.getLocations()) {
            Optional<String> sql = location.isFileSystem()
                    ? readFile(Path.of(location.getRootPath(), name))
                    : readResource(configuration.getClassLoader(), location.getRootPath() + "/" + name);
            if (sql.isPresent()) {
                return Optional.of(new UndoScript(location.getDescriptor() + "/" + name, sql.get()));
            }
        }
        return Optional.empty();
    }

    /** The reason given by an {@code -- aegis:irreversible} line, if the script has one. */
    public Optional<String> irreversibleReason() {
        return sql.lines()
                .map(String::trim)
                .filter(line -> line.startsWith(IRREVERSIBLE))
                .map(line -> line.substring(IRREVERSIBLE.length()).trim())
                .findFirst();
    }

    private static Optional<String> readResource(ClassLoader loader, String path) {
        ClassLoader effective = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        try (InputStream in = effective.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> readFile(Path path) {
        try {
            return Files.isRegularFile(path) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
