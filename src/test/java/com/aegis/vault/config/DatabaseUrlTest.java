package com.aegis.vault.config;


import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUrlTest {

    @Test
    void translatesTheOldSystemsUrlForJdbc() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://aegis:s3cr%40t:x@db.internal:6543/vault?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/vault?sslmode=require", url.jdbcUrl());
        assertEquals("aegis", url.username());
        assertEquals("s3cr@t:x", url.password());
        assertFalse(url.toString().contains("s3cr"), "the password never shows in logs");

        DatabaseUrl noPort = DatabaseUrl.parse("postgres://bob@localhost/db");
        assertEquals("jdbc:postgresql://localhost/db", noPort.jdbcUrl());
        assertNull(noPort.password());
        assertFalse(noPort.properties().containsKey("quarkus.datasource.password"));
    }

    @Test
    void rejectsWhatIsNotAPostgresUrlWithoutRepeatingIt() {
        for (String bad : new String[]{"mysql://u:hunter2@h/db", "postgresql://u:hunter2@h", "postgresql://u:hunter2@/db",
                "not a url hunter2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("DATABASE_URL is not usable"));
            assertFalse(e.getMessage().contains("hunter2"));
        }
    }

    @Test
    void winsOverApplicationPropertiesButNotOverQuarkusDatasourceEnvironmentVariables() {
        Map<String, String> applicationProperties = Map.of(
                "%prod.quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/aegis",
                "%prod.quarkus.datasource.username", "aegis");
        SmallRyeConfig fromDatabaseUrl = config(applicationProperties,
                Map.of("DATABASE_URL", "postgresql://old:pw@legacy-db:5432/bills"));
        assertEquals("jdbc:postgresql://legacy-db:5432/bills", fromDatabaseUrl.getRawValue("quarkus.datasource.jdbc.url"));
        assertEquals("old", fromDatabaseUrl.getRawValue("quarkus.datasource.username"));
        assertEquals("pw", fromDatabaseUrl.getRawValue("quarkus.datasource.password"));

        SmallRyeConfig explicit = config(applicationProperties, Map.of(
                "DATABASE_URL", "postgresql://old:pw@legacy-db:5432/bills",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://new-db:5432/vault"));
        assertEquals("jdbc:postgresql://new-db:5432/vault", explicit.getRawValue("quarkus.datasource.jdbc.url"));
        assertEquals("old", explicit.getRawValue("quarkus.datasource.username"), "the rest still comes from DATABASE_URL");

        SmallRyeConfig without = config(applicationProperties, Map.of());
        assertEquals("jdbc:postgresql://localhost:5432/aegis", without.getRawValue("quarkus.datasource.jdbc.url"));
    }

    private static SmallRyeConfig config(Map<String, String> applicationProperties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .withSources(new MapBackedConfigSource("environment", environment, 300) {
                    @Override
                    public String getValue(String name) {
                        // Environment variable names as SmallRye's EnvConfigSource maps them.
                        String value = super.getValue(name);
                        return value != null ? value
                                : super.getValue(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase());
                    }
                })
                .withSources(new DatabaseUrlConfigSourceFactory())
                .build();
    }
}
