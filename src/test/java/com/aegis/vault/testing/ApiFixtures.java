package com.aegis.vault.testing;

import com.aegis.vault.advocate.AdvocateLink;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * Request bodies, calls and look-ups shared by the API tests (scam calls, transactions, the security log,
 * advocates and approvals). Every test uses fresh user ids.
 */
public final class ApiFixtures {

    public static final String APPROVALS = "/api/v1/approvals";

    private ApiFixtures() {
    }

    public static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static String newMemberId() {
        return "m-" + UUID.randomUUID();
    }

    public static String newAdvocateId() {
        return "a-" + UUID.randomUUID();
    }

    public static String anHourAgo() {
        return Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Map<String, Object> scamCall() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callerNumber", "+4915112345678");
        body.put("occurredAt", anHourAgo());
        body.put("durationSeconds", 42);
        body.put("riskScore", 85);
        body.put("verdict", "BLOCKED");
        body.put("notes", "Claimed to be the bank");
        return body;
    }

    public static Map<String, Object> transaction(Object amount, int riskScore) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", amount);
        body.put("currency", "EUR");
        body.put("payee", "ACME Utilities");
        body.put("channel", "BANK_TRANSFER");
        body.put("occurredAt", anHourAgo());
        body.put("riskScore", riskScore);
        body.put("externalRef", "REF-1");
        return body;
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static ValidatableResponse postScamCall(String memberId, Object body) {
        return as(TestTokens.member(memberId)).body(body).post("/api/v1/scam-calls").then();
    }

    public static ValidatableResponse postTransaction(String memberId, Object body) {
        return as(TestTokens.member(memberId)).body(body).post("/api/v1/transactions").then();
    }

    /** The member links the advocate through the API (which logs ADVOCATE_LINKED). */
    public static void link(String member, String advocate) {
        as(TestTokens.member(member)).put("/api/v1/members/me/advocates/{a}", advocate)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** The link written straight to the database, without the ADVOCATE_LINKED entry the endpoint would log. */
    public static void storeLink(String memberId, String advocateId) {
        QuarkusTransaction.requiringNew().run(() -> {
            AdvocateLink link = new AdvocateLink();
            link.key = new AdvocateLink.Key(memberId, advocateId);
            link.linkedAt = Instant.now();
            link.persist();
        });
    }

    public static String billBody(String amount) {
        return "{\"kind\":\"BILL\",\"payee\":\"City Water Ltd\",\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\",\"dueDate\":\"2026-12-15\",\"description\":\"Water bill\"}";
    }

    /** Opens a PENDING bill approval for the member and returns its id. */
    public static String bill(String member) {
        return as(TestTokens.member(member)).body(billBody("180.40")).post(APPROVALS)
                .then().statusCode(201).extract().path("id");
    }

    public static List<SecurityLogEntry> entries(String member, LogType type) {
        return QuarkusTransaction.requiringNew().call(() ->
                SecurityLogEntry.<SecurityLogEntry>list("memberId = ?1 and type = ?2 order by seq", member, type));
    }

    public static long count(String member, LogType type) {
        return entries(member, type).size();
    }

    /** Runs every task at the same instant (as far as threads allow) and returns their results in order. */
    public static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
