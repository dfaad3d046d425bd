package com.aegis.vault.approval;

import com.aegis.vault.advocate.AdvocateLink;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.aegis.vault.database.Timestamps;
import com.aegis.vault.events.EventRecorder;
import com.aegis.vault.events.EventType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The lifecycle of approvals: held, then approved, rejected or expired. */
@ApplicationScoped
public class ApprovalService {

    @Inject
    ApprovalsConfig config;

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    EntityManager em;

    @Inject
    ApprovalExpiry expiry;

    @Inject
    ApprovalMetrics metrics;

    @Inject
    EventRecorder events;

    /** How a resolution attempt ended. */
    public enum Outcome {
        /** This request resolved the approval. */
        RESOLVED,
        /** The same advocate had already made the same decision: answered like the first time. */
        REPEATED,
        /** Another resolution won first. */
        ALREADY_RESOLVED,
        /** It expired before anybody resolved it. */
        EXPIRED,
        /** The advocate is no longer linked to the member (unlinked meanwhile). */
        NOT_LINKED
    }

    public record Resolution(Outcome outcome, Approval approval) {
    }

    /** A transaction is held when its amount or its risk score reaches the configured threshold. */
    public boolean mustHold(BigDecimal amount, int riskScore) {
        return amount.compareTo(config.amountThreshold()) >= 0 || riskScore >= config.riskThreshold();
    }

    /**
     * Opens a PENDING approval and appends its APPROVAL_REQUESTED entry, in the caller's transaction.
     * {@code approval} carries the kind, member and what is to be paid; the lifecycle fields are set here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Approval open(Approval approval) {
        if (approval.id == null) { // a held transaction names its approval in its own (hashed) log entry first
            approval.id = UUID.randomUUID();
        }
        approval.status = ApprovalStatus.PENDING;
        approval.createdAt = Timestamps.now();
        approval.expiresAt = approval.createdAt.plus(config.expiry());
        approval.persist();

        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("approvalId", approval.id.toString())
                .put("kind", approval.kind.name())
                .put("amount", approval.amount.toPlainString())
                .put("currency", approval.currency)
                .put("payee", approval.payee)
                .put("expiresAt", approval.expiresAt.toString());
        if (approval.securityLogId != null) {
            details.put("securityLogId", approval.securityLogId.toString());
        }
        securityLog.append(approval.memberId, LogType.APPROVAL_REQUESTED, approval.createdAt, null, details);
        events.approval(EventType.APPROVAL_REQUESTED, approval.memberId, approval, approval.createdAt);
        return approval;
    }

    /** A member's bill review request: a PENDING BILL approval and its APPROVAL_REQUESTED entry. */
    @Transactional
    public Approval requestBill(String memberId, BillRequest bill) {
        Approval approval = new Approval();
        approval.memberId = memberId;
        approval.kind = ApprovalKind.BILL;
        approval.payee = bill.payee;
        approval.amount = bill.amount.setScale(2);
        approval.currency = bill.currency;
        approval.dueDate = bill.dueDate;
        approval.description = bill.description;
        open(approval);
        metrics.billRequested();
        return approval;
    }

    /**
     * Resolves a PENDING approval for {@code advocateId}. Exactly one resolution ever wins, on any
     * number of pods: the conditional UPDATE ({@code WHERE status = 'PENDING' AND expires_at > now})
     * changes the row for one transaction only; every other one waits on the row lock, then matches
     * nothing and is told how the approval now stands. The link row is share-locked first, so a
     * concurrent unlink either happens before (this resolution is refused) or after (it is logged after).
     */
    @Transactional
    public Resolution resolve(UUID id, String advocateId, Decision decision, String note) {
        Approval approval = em.find(Approval.class, id);
        if (approval == null || em.find(AdvocateLink.class, new AdvocateLink.Key(approval.memberId, advocateId),
                LockModeType.PESSIMISTIC_READ) == null) {
            return new Resolution(Outcome.NOT_LINKED, approval);
        }
        Instant now = ApprovalExpiry.now();
        int updated = em.createQuery("update Approval a set a.status = :status, a.resolvedAt = :now, "
                        + "a.resolvedBy = :advocate, a.resolutionNote = :note "
                        + "where a.id = :id and a.status = :pending and a.expiresAt > :now")
                .setParameter("status", decision.status())
                .setParameter("now", now)
                .setParameter("advocate", advocateId)
                .setParameter("note", note)
                .setParameter("id", id)
                .setParameter("pending", ApprovalStatus.PENDING)
                .executeUpdate();
        em.refresh(approval);
        if (updated == 1) {
            ObjectNode details = JsonNodeFactory.instance.objectNode()
                    .put("approvalId", approval.id.toString())
                    .put("advocateId", advocateId)
                    .put("decision", decision.name());
            if (note != null) {
                details.put("note", note);
            }
            securityLog.append(approval.memberId, LogType.APPROVAL_RESOLVED, now, null, details);
            events.approval(EventType.APPROVAL_RESOLVED, approval.memberId, approval, now);
            metrics.resolved(decision);
            return new Resolution(Outcome.RESOLVED, approval);
        }
        if (approval.status == ApprovalStatus.PENDING) {
            // Not resolvable although PENDING: it is overdue. Expire it now (or see who just did).
            expiry.expireIfOverdue(id, now);
            em.refresh(approval);
        }
        if (approval.status == ApprovalStatus.EXPIRED) {
            return new Resolution(Outcome.EXPIRED, approval);
        }
        boolean sameAsWinner = approval.status == decision.status() && advocateId.equals(approval.resolvedBy);
        return new Resolution(sameAsWinner ? Outcome.REPEATED : Outcome.ALREADY_RESOLVED, approval);
    }
}
