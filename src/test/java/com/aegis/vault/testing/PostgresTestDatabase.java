package com.aegis.vault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every test run a database of its own on a real PostgreSQL server, created at start and
 * dropped at the end, so runs never collide. The server is found through AEGIS_TEST_PG_URL
 * (default jdbc:postgresql://127.0.0.1:5432/postgres), AEGIS_TEST_PG_USER (postgres) and
 * AEGIS_TEST_PG_PASSWORD (empty).
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    private String database;

    public static String adminUrl() {
        return env("AEGIS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    public static String user() {
        return env("AEGIS_TEST_PG_USER", "postgres");
    }

    public static String password() {
        return env("AEGIS_TEST_PG_PASSWORD", "");
    }

    /** The JDBC URL of another database on the same server. */
    public static String urlOf(String database) {
        String admin = adminUrl();
        return admin.substring(0, admin.lastIndexOf('/') + 1) + database;
    }

    /** Creates an empty database with a unique name and returns that name. */
    public static String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        return name;
    }

    public static void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public Map<String, String> start() {
        if (Boolean.parseBoolean(env("AEGIS_TEST_DEVSERVICES", "false"))) {
            return Map.of(); // Quarkus Dev Services provides the database
        }
        database = createDatabase("aegis_test");
        return Map.of(
                "quarkus.datasource.jdbc.url", urlOf(database),
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password());
    }

    @Override
    public void stop() {
        if (database != null) {
            dropDatabase(database);
        }
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl() + " refused: " + sql
                    + " (is the server running? see README, Testing)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
