package com.aegis.vault.approval;

import com.aegis.vault.config.IdempotencyConfig;
import com.aegis.vault.idempotency.IdempotencyRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Runs on every pod every {@code aegis.approvals.sweep-interval}: expires overdue approvals nobody has
 * read (the pods share the work through SKIP LOCKED and the conditional update, never double-logging),
 * then purges Idempotency-Key records older than {@code aegis.idempotency.retention}.
 */
@ApplicationScoped
public class ApprovalSweeper {

    public static final String IDENTITY = "approval-expiry-sweep";
    /** Bounds one run; the rest waits for the next run (or is expired on read first). */
    static final int MAX_EXPIRIES_PER_RUN = 1000;

    private static final Logger LOG = Logger.getLogger(ApprovalSweeper.class);

    @Inject
    ApprovalExpiry expiry;

    @Inject
    IdempotencyConfig idempotency;

    @Scheduled(identity = IDENTITY, every = "${aegis.approvals.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        int expired = expireOverdue();
        long purged = purgeIdempotencyKeys();
        if (expired > 0 || purged > 0) {
            LOG.infof("approval sweep: %d approvals expired, %d idempotency keys purged", expired, purged);
        }
    }

    public int expireOverdue() {
        Instant now = ApprovalExpiry.now();
        int expired = 0;
        while (expired < MAX_EXPIRIES_PER_RUN && expiry.expireNextOverdue(now)) {
            expired++;
        }
        return expired;
    }

    public long purgeIdempotencyKeys() {
        Instant cutoff = Instant.now().minus(idempotency.retention());
        return QuarkusTransaction.requiringNew().call(() -> IdempotencyRecord.delete("createdAt < ?1", cutoff));
    }
}
