package com.aegis.vault.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** application.properties as the prod profile (the one the container images run) resolves it. */
final class QuarkusSettings {

    private final Properties properties = new Properties();

    QuarkusSettings(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QuarkusSettings load() {
        return new QuarkusSettings(Path.of("src/main/resources/application.properties"));
    }

    /** The prod value of a key: {@code %prod.key}, else {@code key}, else the Quarkus default given. */
    String prod(String key, String quarkusDefault) {
        String value = properties.getProperty("%prod." + key, properties.getProperty(key, quarkusDefault));
        return value == null ? null : value.trim();
    }

    /** A prod duration setting; {@link Duration#ZERO} when it is not set. */
    Duration prodDuration(String key, String quarkusDefault) {
        String value = prod(key, quarkusDefault);
        return value == null ? Duration.ZERO : duration(value);
    }

    /** A duration as Quarkus reads it: ISO-8601 ("PT5S") or a number with a unit ("5s", "20s", "1m"). */
    static Duration duration(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.parse("PT" + value.toUpperCase());
    }

    /** Every key without a profile prefix that starts with the given prefix. */
    Set<String> keysStartingWith(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String bare = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (bare.startsWith(prefix)) {
                keys.add(bare);
            }
        }
        return keys;
    }

    /** The environment variable MicroProfile Config maps to a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** A non-application endpoint path, e.g. /q/health/ready, as the prod build serves it. */
    String healthPath(String check) {
        String nonApplicationRoot = prod("quarkus.http.non-application-root-path", "q");
        String healthRoot = prod("quarkus.smallrye-health.root-path", "health");
        String leaf = prod("quarkus.smallrye-health." + check + "-path", switch (check) {
            case "liveness" -> "live";
            case "readiness" -> "ready";
            case "startup" -> "started";
            default -> throw new IllegalArgumentException(check);
        });
        String root = prod("quarkus.http.root-path", "/");
        String base = nonApplicationRoot.startsWith("/") ? nonApplicationRoot : join(root, nonApplicationRoot);
        String health = healthRoot.startsWith("/") ? healthRoot : join(base, healthRoot);
        return leaf.startsWith("/") ? leaf : join(health, leaf);
    }

    /** The port the health checks answer on: the management interface's when it is enabled, else HTTP. */
    int healthPort() {
        if (Boolean.parseBoolean(prod("quarkus.management.enabled", "false"))) {
            return Integer.parseInt(prod("quarkus.management.port", "9000"));
        }
        return Integer.parseInt(prod("quarkus.http.port", "8080"));
    }

    private static String join(String a, String b) {
        return (a.endsWith("/") ? a : a + "/") + b;
    }
}
