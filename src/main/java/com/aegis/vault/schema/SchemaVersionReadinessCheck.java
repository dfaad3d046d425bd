package com.aegis.vault.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Not ready while the database schema is not at the version this build expects — the old
 * "Target database is not up to date", made impossible to miss: the pod takes no traffic and
 * /q/health/ready says which version it found, which it expects and what to run.
 * <p>
 * Once the schema is current, the answer stands for {@link #RECHECK} before the migration history is read
 * again (the probe runs every few seconds on every pod; the schema only changes through `migrate` or
 * `undo`). Whether the database can be reached at all is the datasource's own readiness check, which
 * Quarkus runs on every probe with a pooled connection.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionReadinessCheck implements HealthCheck {

    static final String NAME = "database schema version";
    static final Duration RECHECK = Duration.ofSeconds(60);

    @Inject
    Flyway flyway;

    Supplier<SchemaStatus> history = () -> SchemaStatus.of(flyway);
    LongSupplier nanoClock = System::nanoTime;

    /** The last UP answer and until when (nanoClock) it stands; null until the schema was found current. */
    private volatile Current current;

    private record Current(HealthCheckResponse response, long until) {
    }

    @Override
    public HealthCheckResponse call() {
        Current known = current;
        long now = nanoClock.getAsLong();
        if (known != null && now - known.until() < 0) {
            return known.response();
        }
        HealthCheckResponse response = check();
        current = response.getStatus() == HealthCheckResponse.Status.UP
                ? new Current(response, now + RECHECK.toNanos()) : null;
        return response;
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        SchemaStatus status;
        try {
            status = history.get();
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
