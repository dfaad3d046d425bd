package com.aegis.vault.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Runs on every pod every {@code aegis.idempotency.purge-interval} and deletes Idempotency-Key records older
 * than {@code aegis.idempotency.retention}. Pods purging at once delete disjoint or already-deleted rows:
 * harmless, so no coordination is needed.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    public static final String IDENTITY = "idempotency-key-purge";

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    @Inject
    IdempotencyConfig config;

    @Scheduled(identity = IDENTITY, every = "${aegis.idempotency.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        long purged = purge();
        if (purged > 0) {
            LOG.infof("%d idempotency keys purged", purged);
        }
    }

    /** @return how many records past their retention were deleted */
    public long purge() {
        Instant cutoff = Instant.now().minus(config.retention());
        return QuarkusTransaction.requiringNew().call(() -> IdempotencyRecord.delete("createdAt < ?1", cutoff));
    }
}
