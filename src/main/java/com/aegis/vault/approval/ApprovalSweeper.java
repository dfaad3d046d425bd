package com.aegis.vault.approval;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Runs on every pod every {@code aegis.approvals.sweep-interval}: expires overdue approvals nobody has
 * read (the pods share the work through SKIP LOCKED and the conditional update, never double-logging).
 */
@ApplicationScoped
public class ApprovalSweeper {

    public static final String IDENTITY = "approval-expiry-sweep";
    /** Bounds one run; the rest waits for the next run (or is expired on read first). */
    static final int MAX_EXPIRIES_PER_RUN = 1000;

    private static final Logger LOG = Logger.getLogger(ApprovalSweeper.class);

    @Inject
    ApprovalExpiry expiry;

    @Scheduled(identity = IDENTITY, every = "${aegis.approvals.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        int expired = expireOverdue();
        if (expired > 0) {
            LOG.infof("approval sweep: %d approvals expired", expired);
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
}
