package com.aegis.vault.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;

/**
 * Accepts the old system's {@code DATABASE_URL} as the datasource configuration. Its ordinal (275)
 * puts it above application.properties (250) and below environment variables (300) and system
 * properties (400), so an explicit {@code QUARKUS_DATASOURCE_*} still wins. Registered through
 * META-INF/services, which Quarkus also honours in the native image.
 */
public class DatabaseUrlConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue("DATABASE_URL");
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            return List.of();
        }
        DatabaseUrl url = DatabaseUrl.parse(value.getValue());
        return List.of(new MapBackedConfigSource("DATABASE_URL (translated to quarkus.datasource.*)", url.properties(),
                ORDINAL) {
        });
    }
}
