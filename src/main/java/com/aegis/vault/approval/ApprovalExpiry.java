package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.aegis.vault.database.Timestamps;
import com.aegis.vault.events.EventRecorder;
import com.aegis.vault.events.EventType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.Timeouts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns overdue PENDING approvals into EXPIRED, on read and in the sweep, on any number of pods at once.
 * The conditional UPDATE ({@code WHERE status = 'PENDING' AND expires_at <= now}) is the arbiter: only
 * the transaction whose UPDATE changed the row appends APPROVAL_EXPIRED, so each expiry is logged exactly once.
 * An expiry transaction holds one approval row and one chain head, always locked in that order (as
 * resolutions do), so expiries cannot deadlock with each other or with resolutions.
 * <p>
 * One connection at a time: the methods that open transactions of their own refuse to run inside one
 * ({@code NEVER}); a request that already holds a connection would otherwise wait for a second one, and
 * with as many such requests as pooled connections, every one of them waits for ever (pool starvation).
 */
@ApplicationScoped
public class ApprovalExpiry {

    @Inject
    EntityManager em;

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    ApprovalQueries queries;

    @Inject
    ApprovalMetrics metrics;

    @Inject
    EventRecorder events;

    /** Expires the approval if it is PENDING and overdue at {@code now}; @return whether this call did it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean expireIfOverdue(UUID id, Instant now) {
        int updated = em.createQuery("update Approval a set a.status = :expired "
                        + "where a.id = :id and a.status = :pending and a.expiresAt <= :now")
                .setParameter("expired", ApprovalStatus.EXPIRED)
                .setParameter("id", id)
                .setParameter("pending", ApprovalStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
        if (updated == 0) {
            return false;
        }
        Approval approval = em.find(Approval.class, id);
        em.refresh(approval);
        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("approvalId", approval.id.toString())
                .put("kind", approval.kind.name())
                .put("expiresAt", approval.expiresAt.toString());
        if (approval.kind == ApprovalKind.TRANSACTION) {
            // The contract: a held transaction nobody approved in time is treated as rejected.
            details.put("outcome", ApprovalStatus.REJECTED.name());
        }
        if (approval.securityLogId != null) {
            details.put("securityLogId", approval.securityLogId.toString());
        }
        securityLog.append(approval.memberId, LogType.APPROVAL_EXPIRED, approval.expiresAt, null, details);
        events.approval(EventType.APPROVAL_EXPIRED, approval.memberId, approval, approval.expiresAt);
        metrics.expired(approval.kind);
        return true;
    }

    /**
     * The approval as it stands now, in the caller's transaction (a read of one approval): expired first if it
     * is PENDING and overdue, or re-read if another transaction expired or resolved it meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Approval current(Approval approval) {
        Instant now = now();
        if (approval.status == ApprovalStatus.PENDING && !approval.expiresAt.isAfter(now)
                && !expireIfOverdue(approval.id, now)) {
            em.refresh(approval);
        }
        return approval;
    }

    /**
     * Expires every overdue approval of the scope (before a list is read), each in its own transaction,
     * one after the other: a list may cover many members, and locking their chain heads in one transaction
     * could deadlock with resolutions.
     */
    @Transactional(Transactional.TxType.NEVER)
    public int expireOverdue(ApprovalScope scope) {
        Instant now = now();
        List<UUID> overdue = queries.overdueIds(scope, now);
        int expired = 0;
        for (UUID id : overdue) {
            if (QuarkusTransaction.requiringNew().call(() -> expireIfOverdue(id, now))) {
                expired++;
            }
        }
        return expired;
    }

    /**
     * The sweep's step: claims the most overdue approval that no other pod is working on
     * ({@code FOR UPDATE SKIP LOCKED}) and expires it, in a transaction of its own.
     * @return false when nothing overdue is left unclaimed.
     */
    @Transactional(Transactional.TxType.NEVER)
    public boolean expireNextOverdue(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> claimed = em.createQuery("select a.id from Approval a "
                            + "where a.status = :pending and a.expiresAt <= :now order by a.expiresAt", UUID.class)
                    .setParameter("pending", ApprovalStatus.PENDING)
                    .setParameter("now", now)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", Timeouts.SKIP_LOCKED_MILLI)
                    .setMaxResults(1)
                    .getResultList();
            return !claimed.isEmpty() && expireIfOverdue(claimed.get(0), now);
        });
    }

    static Instant now() {
        return Timestamps.now();
    }
}
