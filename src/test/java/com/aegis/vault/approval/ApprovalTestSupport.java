package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/** Shared steps of the advocate and approval tests. Every test uses fresh user ids. */
public final class ApprovalTestSupport {

    public static final String APPROVALS = "/api/v1/approvals";

    private ApprovalTestSupport() {
    }

    public static String newUser(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static void link(String member, String advocate) {
        as(TestTokens.member(member)).put("/api/v1/members/me/advocates/{a}", advocate)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
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
