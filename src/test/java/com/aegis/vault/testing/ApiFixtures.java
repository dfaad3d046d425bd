package com.aegis.vault.testing;

import com.aegis.vault.advocate.AdvocateLink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request bodies and calls shared by the API tests (scam calls, transactions, security log). */
public final class ApiFixtures {

    private ApiFixtures() {
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

    /** The member links the advocate, written straight to the database as the links endpoint would. */
    public static void link(String memberId, String advocateId) {
        QuarkusTransaction.requiringNew().run(() -> {
            AdvocateLink link = new AdvocateLink();
            link.key = new AdvocateLink.Key(memberId, advocateId);
            link.linkedAt = Instant.now();
            link.persist();
        });
    }
}
