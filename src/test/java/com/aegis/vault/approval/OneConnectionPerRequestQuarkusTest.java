package com.aegis.vault.approval;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.billBody;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.entries;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request path, and the sweep, with the pool cut to ONE connection (approvals expire after 2 seconds):
 * a path that needed a second connection while holding one would wait for itself and answer 503 after the
 * acquisition timeout.
 * Run one by one (each path on its own) and all at once (the pool shared by every path), with the
 * correctness properties that must survive: one winner per approval, expiry visible on read, exactly
 * one APPROVAL_EXPIRED per expired approval.
 */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
@TestProfile(ShortExpiryProfile.class)
class OneConnectionPerRequestQuarkusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVOCATE_OF_TOKEN = "a";

    @Inject
    Scheduler scheduler;

    @Inject
    ApprovalSweeper sweeper;

    @Inject
    AgroalDataSource dataSource;

    /** Longer than any honest wait for the one connection here, shorter than a test's patience. */
    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(10);

    private int minSize;
    private int maxSize;
    private Duration acquisitionTimeout;

    @BeforeEach
    void poolOfOneConnection() throws InterruptedException {
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        minSize = pool.minSize();
        maxSize = pool.maxSize();
        acquisitionTimeout = pool.acquisitionTimeout();
        pool.setMinSize(0);
        pool.setMaxSize(1);
        pool.setAcquisitionTimeout(ACQUISITION_TIMEOUT);
        // Connections opened before (Flyway, earlier tests) close now, or when their user returns them.
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (dataSource.getMetrics().activeCount() + dataSource.getMetrics().availableCount() > 1
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void restore() {
        scheduler.resume(ApprovalSweeper.IDENTITY);
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        pool.setAcquisitionTimeout(acquisitionTimeout);
        pool.setMaxSize(maxSize);
        pool.setMinSize(minSize);
    }

    @Test
    void thePoolReallyHasOneConnection() throws Exception {
        dataSource.getConfiguration().connectionPoolConfiguration().setAcquisitionTimeout(Duration.ofMillis(500));
        try (Connection ignored = dataSource.getConnection()) {
            // A connection a background worker was given while the pool was being shrunk closes once it is idle.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (dataSource.getMetrics().activeCount() + dataSource.getMetrics().availableCount() > 1
                    && System.nanoTime() < deadline) {
                dataSource.flush(AgroalDataSource.FlushMode.IDLE);
                Thread.sleep(10);
            }
            SQLException refused = assertThrows(SQLException.class, () -> dataSource.getConnection().close());
            assertTrue(refused.getMessage().contains("acquisition timeout"), refused.getMessage());
        } finally {
            dataSource.getConfiguration().connectionPoolConfiguration().setAcquisitionTimeout(ACQUISITION_TIMEOUT);
        }
    }

    private record Answer(String what, int status, long millis) {
    }

    private static Answer timed(String what, Callable<Integer> call) throws Exception {
        long t0 = System.nanoTime();
        int status = call.call();
        return new Answer(what, status, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Response bill(String member, String idempotencyKey) {
        var request = as(TestTokens.member(member)).body(billBody("25.00"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(APPROVALS).then().statusCode(201).extract().response();
    }

    private static void sleepPast(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis() + 50;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static Approval stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Approval.<Approval>findById(UUID.fromString(id)));
    }

    /** approvalId -> how many APPROVAL_EXPIRED entries name it. */
    private static Map<String, Integer> expiryEntries(String member) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (SecurityLogEntry entry : entries(member, LogType.APPROVAL_EXPIRED)) {
            counts.merge(JSON.readTree(entry.details).get("approvalId").asText(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void eachPathAnswersWithOneConnection() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        String advocate = newUser(ADVOCATE_OF_TOKEN);
        link(member, advocate);

        // A bill request and its idempotent replay: the same approval, answered twice.
        String key = UUID.randomUUID().toString();
        Response first = bill(member, key);
        Response replay = bill(member, key);
        assertEquals(first.<String>path("id"), replay.path("id"));
        String readById = first.path("id");
        String resolvedLate = bill(member, null).path("id");
        String listed = bill(member, null).path("id");
        Response lastBill = bill(member, null);
        String swept = lastBill.path("id");
        sleepPast(Instant.parse(lastBill.path("expiresAt")));

        // Expiry on read of one approval, by an advocate (whose access is checked in the database).
        as(TestTokens.advocate(advocate)).get(APPROVALS + "/{id}", readById).then().statusCode(200)
                .body("status", equalTo("EXPIRED"));
        // A resolution that finds the approval overdue expires it and is refused.
        as(TestTokens.advocate(advocate)).body("{\"decision\":\"APPROVE\"}")
                .post(APPROVALS + "/{id}/resolution", resolvedLate).then().statusCode(409)
                .body("approval.status", equalTo("EXPIRED"));
        // A list expires what is overdue in it before it answers.
        as(TestTokens.advocate(advocate)).queryParam("memberId", member).queryParam("status", "PENDING")
                .get(APPROVALS).then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem(listed)));
        assertEquals(ApprovalStatus.EXPIRED, stored(listed).status);
        // The sweep, on the scheduler's thread as every pod runs it.
        scheduler.resume(ApprovalSweeper.IDENTITY);
        Instant deadline = Instant.now().plusSeconds(15);
        while (stored(swept).status == ApprovalStatus.PENDING && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(ApprovalStatus.EXPIRED, stored(swept).status);

        // A scam call and its idempotent replay; the member's log read by the advocate.
        String callKey = UUID.randomUUID().toString();
        var call = ApiFixtures.scamCall(); // one body: a retry sends the same bytes (occurredAt is "now", to the second)
        String entryId = as(TestTokens.member(member)).header("Idempotency-Key", callKey).body(call)
                .post("/api/v1/scam-calls").then().statusCode(201).extract().path("id");
        as(TestTokens.member(member)).header("Idempotency-Key", callKey).body(call)
                .post("/api/v1/scam-calls").then().statusCode(201).body("id", equalTo(entryId));
        as(TestTokens.advocate(advocate)).queryParam("memberId", member).get("/api/v1/security-logs")
                .then().statusCode(200);
        as(TestTokens.advocate(advocate)).get("/api/v1/security-logs/{id}", entryId).then().statusCode(200);
        as(TestTokens.advocate(advocate)).queryParam("memberId", member).get("/api/v1/security-logs/verify")
                .then().statusCode(200).body("valid", equalTo(true));

        Map<String, Integer> expired = expiryEntries(member);
        assertEquals(Map.of(readById, 1, resolvedLate, 1, listed, 1, swept, 1), expired);
    }

    @Test
    void allPathsAtOnceShareTheOneConnectionWithoutStalling() throws Exception {
        String member = newUser("m");
        List<String> advocates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            advocates.add(newUser(ADVOCATE_OF_TOKEN));
            link(member, advocates.get(i));
        }
        List<String> overdue = new ArrayList<>();
        Instant lastExpiry = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            Response bill = bill(member, null);
            overdue.add(bill.path("id"));
            lastExpiry = Instant.parse(bill.path("expiresAt"));
        }
        sleepPast(lastExpiry);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(bill(member, null).path("id"));
        }

        List<Callable<Answer>> tasks = new ArrayList<>();
        Map<String, List<Integer>> resolutionTask = new HashMap<>();
        for (String id : open) {
            for (String advocate : advocates) {
                resolutionTask.computeIfAbsent(id, k -> new ArrayList<>()).add(tasks.size());
                tasks.add(() -> timed("resolve " + id + " by " + advocate, () -> as(TestTokens.advocate(advocate))
                        .body("{\"decision\":\"APPROVE\"}").post(APPROVALS + "/{id}/resolution", id).statusCode()));
            }
        }
        for (String id : overdue) {
            String advocate = advocates.get(0);
            tasks.add(() -> timed("get " + id, () -> as(TestTokens.advocate(advocate)).get(APPROVALS + "/{id}", id).statusCode()));
            tasks.add(() -> timed("late resolve " + id, () -> as(TestTokens.advocate(advocate))
                    .body("{\"decision\":\"REJECT\"}").post(APPROVALS + "/{id}/resolution", id).statusCode()));
        }
        tasks.add(() -> timed("list as advocate", () -> as(TestTokens.advocate(advocates.get(1)))
                .queryParam("memberId", member).get(APPROVALS).statusCode()));
        tasks.add(() -> timed("list as member", () -> as(TestTokens.member(member)).get(APPROVALS).statusCode()));
        tasks.add(() -> timed("sweep", () -> sweeper.expireOverdue() >= 0 ? 200 : 500));
        String billKey = UUID.randomUUID().toString();
        String callKey = UUID.randomUUID().toString();
        var call = ApiFixtures.scamCall();
        for (int i = 0; i < 3; i++) {
            tasks.add(() -> timed("bill with key", () -> as(TestTokens.member(member)).header("Idempotency-Key", billKey)
                    .body(billBody("25.00")).post(APPROVALS).statusCode()));
            tasks.add(() -> timed("scam call with key", () -> as(TestTokens.member(member))
                    .header("Idempotency-Key", callKey).body(call).post("/api/v1/scam-calls").statusCode()));
            tasks.add(() -> timed("scam call", () -> as(TestTokens.member(newUser("m")))
                    .body(ApiFixtures.scamCall()).post("/api/v1/scam-calls").statusCode()));
            tasks.add(() -> timed("held transaction", () -> as(TestTokens.member(member))
                    .body(ApiFixtures.transaction("600.00", 10)).post("/api/v1/transactions").statusCode()));
        }
        List<Answer> answers = concurrently(tasks);

        for (Answer answer : answers) {
            assertTrue(answer.status() < 500, "answered " + answer.status() + ": " + answer);
            assertTrue(answer.millis() < ACQUISITION_TIMEOUT.toMillis(),
                    "waited as long as the acquisition timeout: " + answer);
        }
        Map<String, Integer> expired = expiryEntries(member);
        for (String id : overdue) {
            assertEquals(ApprovalStatus.EXPIRED, stored(id).status, id);
            assertEquals(1, expired.getOrDefault(id, 0), "one APPROVAL_EXPIRED for " + id);
        }
        for (String id : open) {
            long winners = resolutionTask.get(id).stream().filter(i -> answers.get(i).status() == 200).count();
            Approval approval = stored(id);
            if (winners == 1) {
                assertEquals(ApprovalStatus.APPROVED, approval.status, id);
                assertEquals(0, expired.getOrDefault(id, 0), id);
            } else {
                // Only possible on a machine so slow that the 2-second expiry passed before any resolution.
                assertEquals(0, winners, "at most one winner for " + id);
                assertEquals(ApprovalStatus.EXPIRED, approval.status, id);
                assertEquals(1, expired.getOrDefault(id, 0), id);
            }
            resolutionTask.get(id).forEach(i -> assertTrue(answers.get(i).status() == 200 || answers.get(i).status() == 409,
                    answers.get(i).toString()));
        }
    }
}
