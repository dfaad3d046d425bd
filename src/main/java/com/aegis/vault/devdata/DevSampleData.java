package com.aegis.vault.devdata;

import com.aegis.vault.advocate.AdvocateLink;
import com.aegis.vault.approval.Approval;
import com.aegis.vault.approval.ApprovalKind;
import com.aegis.vault.approval.ApprovalService;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A small, clearly fake data set for `./mvnw quarkus:dev`, created at start when absent (after the
 * migrations ran): two demo members, a Trusted Advocate link, scam calls, a held transaction and a bill
 * waiting for approval. The bean only exists in dev builds ({@link IfBuildProfile}), never in test or prod.
 * Tokens for the demo users: {@code java src/dev/MintToken.java demo-member-1 member}.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevSampleData {

    static final String MEMBER = "demo-member-1";
    static final String OTHER_MEMBER = "demo-member-2";
    static final String ADVOCATE = "demo-advocate-1";

    private static final Logger LOG = Logger.getLogger(DevSampleData.class);

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    ApprovalService approvals;

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (AdvocateLink.exists(MEMBER, ADVOCATE)) {
            return; // loaded on an earlier start; the audit trail is append-only, so never twice
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        AdvocateLink link = new AdvocateLink();
        link.key = new AdvocateLink.Key(MEMBER, ADVOCATE);
        link.linkedAt = now.minus(3, ChronoUnit.DAYS);
        link.persist();
        securityLog.append(MEMBER, LogType.ADVOCATE_LINKED, link.linkedAt, null, details().put("advocateId", ADVOCATE));

        scamCall(MEMBER, "+15550100001", "BLOCKED", 96, now.minus(2, ChronoUnit.DAYS),
                "DEMO DATA: caller claimed to be the grandson, in jail, needing bail in gift cards");
        scamCall(MEMBER, "+15550100002", "WARNED", 71, now.minus(1, ChronoUnit.DAYS),
                "DEMO DATA: 'your bank account is compromised, move your savings'");
        scamCall(OTHER_MEMBER, "+15550100003", "REPORTED", 88, now.minus(5, ChronoUnit.HOURS),
                "DEMO DATA: fake tax office threatening arrest");

        SecurityLogEntry transaction = securityLog.append(MEMBER, LogType.TRANSACTION, now.minus(2, ChronoUnit.HOURS), 88,
                details().put("amount", "1250.00").put("currency", "EUR").put("payee", "Totally Legit Crypto Ltd (demo)")
                        .put("channel", "CRYPTO"));
        Approval held = new Approval();
        held.memberId = MEMBER;
        held.kind = ApprovalKind.TRANSACTION;
        held.amount = new BigDecimal("1250.00");
        held.currency = "EUR";
        held.payee = "Totally Legit Crypto Ltd (demo)";
        held.description = "DEMO DATA: held transaction waiting for demo-advocate-1";
        held.securityLogId = transaction.id;
        approvals.open(held);

        Approval bill = new Approval();
        bill.memberId = MEMBER;
        bill.kind = ApprovalKind.BILL;
        bill.amount = new BigDecimal("89.90");
        bill.currency = "EUR";
        bill.payee = "Demo Energy Co";
        bill.description = "DEMO DATA: monthly electricity bill";
        bill.dueDate = LocalDate.now().plusDays(10);
        approvals.open(bill);

        LOG.infof("Dev sample data loaded: members %s and %s, advocate %s (all fake)", MEMBER, OTHER_MEMBER, ADVOCATE);
    }

    private void scamCall(String member, String callerNumber, String verdict, int risk, Instant at, String notes) {
        securityLog.append(member, LogType.SCAM_CALL, at, risk, details().put("callerNumber", callerNumber)
                .put("verdict", verdict).put("durationSeconds", 120).put("notes", notes));
    }

    private static ObjectNode details() {
        return JsonNodeFactory.instance.objectNode();
    }
}
