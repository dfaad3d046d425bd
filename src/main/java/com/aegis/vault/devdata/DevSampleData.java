package com.aegis.vault.devdata;

import com.aegis.vault.advocate.AdvocateLink;
import com.aegis.vault.advocate.AdvocateLinkService;
import com.aegis.vault.approval.ApprovalService;
import com.aegis.vault.approval.BillRequest;
import com.aegis.vault.database.Timestamps;
import com.aegis.vault.scamcall.ScamCallRequest;
import com.aegis.vault.scamcall.ScamCallService;
import com.aegis.vault.scamcall.Verdict;
import com.aegis.vault.transaction.Channel;
import com.aegis.vault.transaction.TransactionRequest;
import com.aegis.vault.transaction.TransactionService;
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
 * waiting for approval. Written through the same services as the API, so the sample is exactly what
 * the API would have recorded. The bean only exists in dev builds ({@link IfBuildProfile}), never in test
 * or prod. Tokens for the demo users: {@code java src/dev/MintToken.java demo-member-1 member}.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevSampleData {

    static final String MEMBER = "demo-member-1";
    static final String OTHER_MEMBER = "demo-member-2";
    static final String ADVOCATE = "demo-advocate-1";

    private static final Logger LOG = Logger.getLogger(DevSampleData.class);

    @Inject
    AdvocateLinkService links;

    @Inject
    ScamCallService scamCalls;

    @Inject
    TransactionService transactions;

    @Inject
    ApprovalService approvals;

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (AdvocateLink.exists(MEMBER, ADVOCATE)) {
            return; // loaded on an earlier start; the audit trail is append-only, so never twice
        }
        Instant now = Timestamps.now();

        links.link(MEMBER, ADVOCATE);

        scamCall(MEMBER, "+15550100001", Verdict.BLOCKED, 96, now.minus(2, ChronoUnit.DAYS),
                "DEMO DATA: caller claimed to be the grandson, in jail, needing bail in gift cards");
        scamCall(MEMBER, "+15550100002", Verdict.WARNED, 71, now.minus(1, ChronoUnit.DAYS),
                "DEMO DATA: 'your bank account is compromised, move your savings'");
        scamCall(OTHER_MEMBER, "+15550100003", Verdict.REPORTED, 88, now.minus(5, ChronoUnit.HOURS),
                "DEMO DATA: fake tax office threatening arrest");

        TransactionRequest held = new TransactionRequest();
        held.amount = new BigDecimal("1250.00");
        held.currency = "EUR";
        held.payee = "Totally Legit Crypto Ltd (demo)";
        held.channel = Channel.CRYPTO;
        held.occurredAt = now.minus(2, ChronoUnit.HOURS);
        held.riskScore = 88;
        transactions.log(MEMBER, held); // over both thresholds: held for demo-advocate-1

        BillRequest bill = new BillRequest();
        bill.kind = "BILL";
        bill.amount = new BigDecimal("89.90");
        bill.currency = "EUR";
        bill.payee = "Demo Energy Co";
        bill.description = "DEMO DATA: monthly electricity bill";
        bill.dueDate = LocalDate.now().plusDays(10);
        approvals.requestBill(MEMBER, bill);

        LOG.infof("Dev sample data loaded: members %s and %s, advocate %s (all fake)", MEMBER, OTHER_MEMBER, ADVOCATE);
    }

    private void scamCall(String member, String callerNumber, Verdict verdict, int risk, Instant at, String notes) {
        ScamCallRequest call = new ScamCallRequest();
        call.callerNumber = callerNumber;
        call.verdict = verdict;
        call.riskScore = risk;
        call.occurredAt = at;
        call.durationSeconds = 120;
        call.notes = notes;
        scamCalls.log(member, call);
    }
}
