package com.aegis.vault.schema;

import com.aegis.vault.schema.FailureMessages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Not ready while the database schema is not at the version this build expects — the old
 * "Target database is not up to date", made impossible to miss: the pod takes no traffic and
 * /q/health/ready says which version it found, which it expects and what to run.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionReadinessCheck implements HealthCheck {

    static final String NAME = "database schema version";

    @Inject
    Flyway flyway;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        SchemaStatus status;
        try {
            status = SchemaStatus.of(flyway);
        } catch (RuntimeException e) {
            return response.down().withData("reason", "cannot read the migration history: " + FailureMessages.describe(e))
                    .build();
        }
        response.withData("expectedVersion", status.headLabel()).withData("databaseVersion", status.currentLabel());
        String problem = status.problem();
        if (problem == null) {
            return response.up().build();
        }
        if (!status.pending().isEmpty()) {
            response.withData("pending", SchemaStatus.describe(status.pending()));
        }
        return response.down().withData("reason", problem).build();
    }
}
