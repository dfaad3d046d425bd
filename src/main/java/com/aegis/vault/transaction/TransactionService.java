package com.aegis.vault.transaction;

import com.aegis.vault.approval.Approval;
import com.aegis.vault.approval.ApprovalKind;
import com.aegis.vault.approval.ApprovalService;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * Records a transaction in the member's audit trail and, when it must be held, opens its PENDING
 * approval in the same database transaction: both exist or neither does.
 */
@ApplicationScoped
public class TransactionService {

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    ApprovalService approvals;

    @Inject
    Event<TransactionLogged> logged;

    @Transactional
    public TransactionResult log(String memberId, TransactionRequest tx) {
        // Validated to at most 2 fraction digits, so this only pads ("12.5" -> "12.50"), never rounds.
        BigDecimal amount = tx.amount.setScale(2, RoundingMode.UNNECESSARY);
        boolean held = approvals.mustHold(amount, tx.riskScore);
        // The entry names its approval, and the hash covers that name: choose the id before appending.
        UUID approvalId = held ? UUID.randomUUID() : null;

        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("amount", amount.toPlainString())
                .put("currency", tx.currency)
                .put("payee", tx.payee)
                .put("channel", tx.channel.name());
        if (tx.externalRef != null) {
            details.put("externalRef", tx.externalRef);
        }
        details.put("approvalRequired", held);
        if (held) {
            details.put("approvalId", approvalId.toString());
        }
        SecurityLogEntry entry = securityLog.append(memberId, LogType.TRANSACTION, tx.occurredAt, tx.riskScore,
                details);

        Approval approval = null;
        if (held) {
            approval = new Approval();
            approval.id = approvalId;
            approval.memberId = memberId;
            approval.kind = ApprovalKind.TRANSACTION;
            approval.amount = amount;
            approval.currency = tx.currency;
            approval.payee = tx.payee;
            approval.description = describe(tx);
            approval.securityLogId = entry.id;
            approvals.open(approval);
        }
        logged.fire(new TransactionLogged(held));
        return new TransactionResult(entry, held, approval);
    }

    private static String describe(TransactionRequest tx) {
        return tx.channel.name() + " payment" + (tx.externalRef == null ? "" : ", reference " + tx.externalRef);
    }

    /** Fired inside the transaction; metrics count it only once the transaction commits. */
    public record TransactionLogged(boolean held) {
    }
}
