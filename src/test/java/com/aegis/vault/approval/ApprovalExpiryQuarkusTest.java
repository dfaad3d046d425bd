package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.count;
import static com.aegis.vault.testing.ApiFixtures.entries;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
@TestProfile(ShortExpiryProfile.class)
class ApprovalExpiryQuarkusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Scheduler scheduler;

    @Inject
    ApprovalSweeper sweeper;

    @Inject
    ApprovalService approvals;

    @Inject
    SecurityLogWriter securityLog;

    @AfterEach
    void resumeSweep() {
        scheduler.resume(ApprovalSweeper.IDENTITY);
    }

    private static Response created(String member) {
        return as(TestTokens.member(member)).body(ApiFixtures.billBody("25.00")).post(APPROVALS)
                .then().statusCode(201).extract().response();
    }

    private static void sleepPast(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 50;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static ApprovalStatus storedStatus(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Approval.<Approval>findById(java.util.UUID.fromString(id)).status);
    }

    @Test
    void readsShowExpiredRightAfterExpiresAtEvenBeforeTheSweep() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        Response bill = created(member);
        String id = bill.path("id");
        Instant expiresAt = Instant.parse(bill.path("expiresAt"));
        assertEquals(Duration.ofSeconds(2), Duration.between(Instant.parse(bill.path("createdAt")), expiresAt));
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", id).then().statusCode(200).body("status", equalTo("PENDING"));

        sleepPast(expiresAt);
        assertEquals(ApprovalStatus.PENDING, storedStatus(id), "the sweep is paused: nothing expired it yet");
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", id).then().statusCode(200)
                .body("status", equalTo("EXPIRED")).body("resolvedBy", equalTo(null));
        as(TestTokens.advocate(advocate)).queryParam("status", "PENDING").get(APPROVALS).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        as(TestTokens.advocate(advocate)).body("{\"decision\":\"APPROVE\"}").post(APPROVALS + "/{id}/resolution", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://aegis.example/problems/approval-expired"))
                .body("approval.status", equalTo("EXPIRED"));

        List<SecurityLogEntry> expired = entries(member, LogType.APPROVAL_EXPIRED);
        assertEquals(1, expired.size());
        JsonNode details = JSON.readTree(expired.get(0).details);
        assertEquals(id, details.get("approvalId").asText());
        assertEquals("BILL", details.get("kind").asText());
        assertFalse(details.has("outcome"));
        assertEquals(expiresAt, expired.get(0).occurredAt, "the expiry happened at expiresAt");
    }

    @Test
    void aResolutionArrivingAfterExpiresAtIsRefusedEvenIfNobodyReadFirst() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        Response bill = created(member);
        sleepPast(Instant.parse(bill.path("expiresAt")));

        as(TestTokens.advocate(advocate)).body("{\"decision\":\"APPROVE\"}")
                .post(APPROVALS + "/{id}/resolution", bill.<String>path("id"))
                .then().statusCode(409).body("approval.status", equalTo("EXPIRED"));
        assertEquals(1, count(member, LogType.APPROVAL_EXPIRED));
        assertEquals(0, count(member, LogType.APPROVAL_RESOLVED));
    }

    @Test
    void concurrentReadersResolversAndSweepsLogEachExpiryExactlyOnce() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        List<String> ids = new ArrayList<>();
        Instant lastExpiry = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            Response bill = created(member);
            ids.add(bill.path("id"));
            lastExpiry = Instant.parse(bill.path("expiresAt"));
        }
        sleepPast(lastExpiry);

        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(() -> as(TestTokens.member(member)).get(APPROVALS).statusCode());
            tasks.add(() -> as(TestTokens.advocate(advocate)).get(APPROVALS).statusCode());
            tasks.add(() -> as(TestTokens.member(member)).get(APPROVALS + "/{id}", ids.get(0)).statusCode());
            tasks.add(() -> as(TestTokens.advocate(advocate)).body("{\"decision\":\"REJECT\"}")
                    .post(APPROVALS + "/{id}/resolution", ids.get(1)).statusCode());
            tasks.add(() -> sweeper.expireOverdue() >= 0 ? 200 : 500);
        }
        List<Integer> statuses = concurrently(tasks);

        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        assertEquals(3, count(member, LogType.APPROVAL_EXPIRED));
        List<String> expiredIds = new ArrayList<>();
        for (SecurityLogEntry entry : entries(member, LogType.APPROVAL_EXPIRED)) {
            expiredIds.add(JSON.readTree(entry.details).get("approvalId").asText());
        }
        assertEquals(ids.stream().sorted().toList(), expiredIds.stream().sorted().toList());
        as(TestTokens.member(member)).get(APPROVALS).then().statusCode(200)
                .body("items.status", everyItem(equalTo("EXPIRED")));
    }

    @Test
    void theSweepExpiresWhatNobodyReads() throws Exception {
        String member = newUser("m");
        Response bill = created(member);
        String id = bill.path("id");
        sleepPast(Instant.parse(bill.path("expiresAt")));

        // Nobody reads through the API: only the scheduled sweep (every second here) can expire it.
        Instant deadline = Instant.now().plusSeconds(10);
        while (storedStatus(id) == ApprovalStatus.PENDING && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertEquals(ApprovalStatus.EXPIRED, storedStatus(id));
        assertEquals(1, count(member, LogType.APPROVAL_EXPIRED));
    }

    @Test
    void aHeldTransactionThatExpiresIsTreatedAsRejected() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        // As POST /api/v1/transactions holds one: its TRANSACTION entry and the approval, in one transaction.
        Approval held = QuarkusTransaction.requiringNew().call(() -> {
            SecurityLogEntry transaction = securityLog.append(member, LogType.TRANSACTION, Instant.now(), 85,
                    JsonNodeFactory.instance.objectNode().put("amount", "2500.00").put("payee", "Prize Claims Ltd"));
            Approval approval = new Approval();
            approval.memberId = member;
            approval.kind = ApprovalKind.TRANSACTION;
            approval.amount = new BigDecimal("2500.00");
            approval.currency = "EUR";
            approval.payee = "Prize Claims Ltd";
            approval.securityLogId = transaction.id;
            return approvals.open(approval);
        });
        sleepPast(held.expiresAt);

        as(TestTokens.member(member)).get(APPROVALS + "/{id}", held.id.toString()).then().statusCode(200)
                .body("status", equalTo("EXPIRED"))
                .body("kind", equalTo("TRANSACTION"))
                .body("securityLogId", equalTo(held.securityLogId.toString()));
        List<SecurityLogEntry> expired = entries(member, LogType.APPROVAL_EXPIRED);
        assertEquals(1, expired.size());
        JsonNode details = JSON.readTree(expired.get(0).details);
        assertEquals("REJECTED", details.get("outcome").asText());
        assertEquals(held.securityLogId.toString(), details.get("securityLogId").asText());
        assertEquals(1, count(member, LogType.APPROVAL_REQUESTED));
    }

    @Test
    void expiriesAreCounted() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        double before = BillApprovalsQuarkusTest.counter("aegis_approvals_expired_total{kind=\"BILL\"");
        String member = newUser("m");
        Response bill = created(member);
        sleepPast(Instant.parse(bill.path("expiresAt")));
        as(TestTokens.member(member)).get(APPROVALS).then().statusCode(200);
        assertEquals(before + 1, BillApprovalsQuarkusTest.counter("aegis_approvals_expired_total{kind=\"BILL\""));
    }
}
