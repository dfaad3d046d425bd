package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.aegis.vault.config.ApprovalsConfig;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The lifecycle of approvals: held, then approved, rejected or expired. */
@ApplicationScoped
public class ApprovalService {

    @Inject
    ApprovalsConfig config;

    @Inject
    SecurityLogWriter securityLog;

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
        approval.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
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
        return approval;
    }
}
