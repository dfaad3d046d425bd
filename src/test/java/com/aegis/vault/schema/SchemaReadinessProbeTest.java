package com.aegis.vault.schema;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The probe runs every few seconds on every pod: once the schema is current it must not read the
 * migration history each time, and while it is not (or cannot be read) it must look again every time.
 */
class SchemaReadinessProbeTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000);

    private static SchemaStatus at(String version) {
        return new SchemaStatus(MigrationVersion.fromVersion(version), MigrationVersion.fromVersion("4"),
                List.of(), List.of(), List.of());
    }

    private SchemaVersionReadinessCheck probe(Supplier<SchemaStatus> history) {
        SchemaVersionReadinessCheck check = new SchemaVersionReadinessCheck();
        check.history = () -> {
            reads.incrementAndGet();
            return history.get();
        };
        check.nanoClock = now::get;
        return check;
    }

    @Test
    void onceTheSchemaIsCurrentTheHistoryIsReadAgainOnlyAfterTheRecheckInterval() {
        SchemaVersionReadinessCheck check = probe(() -> at("4"));
        for (int i = 0; i < 100; i++) {
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
            now.addAndGet(1_000_000_000L);
        }
        // 100 probes one second apart: the history was read at the start and after each full interval.
        long expected = 1 + 100 / SchemaVersionReadinessCheck.RECHECK.toSeconds();
        assertEquals(expected, reads.get());
    }

    @Test
    void whileTheSchemaIsBehindOrUnreadableEveryProbeLooksAgain() {
        AtomicReferenceStatus state = new AtomicReferenceStatus();
        SchemaVersionReadinessCheck check = probe(state::get);
        state.set(null);
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus()); // database unreachable
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
        state.set(at("3"));
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus()); // one migration behind
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
        state.set(at("4"));
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus()); // `migrate` ran: ready at once
        assertEquals(5, reads.get());
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        assertEquals(5, reads.get());
    }

    /** null = the database cannot be reached. */
    private static final class AtomicReferenceStatus {
        private volatile SchemaStatus status;

        void set(SchemaStatus status) {
            this.status = status;
        }

        SchemaStatus get() {
            if (status == null) {
                throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
            }
            return status;
        }
    }
}
