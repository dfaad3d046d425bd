package com.aegis.vault.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.function.UnaryOperator;

/**
 * A Flyway with one setting changed (target, baseline version), built from the configuration of the
 * given instance. The copy keeps Quarkus' build-time resource and Java-migration providers, so it
 * scans nothing at run time and works in the native image too.
 */
public final class FlywayVariant {

    private FlywayVariant() {
    }

    public static Flyway of(Flyway flyway, UnaryOperator<FluentConfiguration> change) {
        FluentConfiguration copy = Flyway.configure(flyway.getConfiguration().getClassLoader())
                .configuration(flyway.getConfiguration());
        return change.apply(copy).load();
    }
}
