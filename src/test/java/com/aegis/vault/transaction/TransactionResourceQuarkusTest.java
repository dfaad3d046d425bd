package com.aegis.vault.transaction;

import com.aegis.vault.approval.Approval;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.newMemberId;
import static com.aegis.vault.testing.ApiFixtures.postTransaction;
import static com.aegis.vault.testing.ApiFixtures.transaction;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class TransactionResourceQuarkusTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aSmallLowRiskTransactionIsLoggedAndNotHeld() {
        String member = newMemberId();
        postTransaction(member, transaction("499.99", 69))
                .statusCode(201)
                .body("approvalRequired", equalTo(false))
                .body("approval", nullValue())
                .body("logEntry.type", equalTo("TRANSACTION"))
                .body("logEntry.seq", equalTo(1))
                .body("logEntry.riskScore", equalTo(69))
                .body("logEntry.details.amount", equalTo("499.99"))
                .body("logEntry.details.currency", equalTo("EUR"))
                .body("logEntry.details.payee", equalTo("ACME Utilities"))
                .body("logEntry.details.channel", equalTo("BANK_TRANSFER"))
                .body("logEntry.details.externalRef", equalTo("REF-1"))
                .body("logEntry.details.approvalRequired", equalTo(false))
                .body("logEntry.details", not(hasKey("approvalId")));
    }

    @Test
    void atTheAmountThresholdItIsHeldWithAPendingApprovalInTheSameTransaction() {
        String member = newMemberId();
        Response response = as(TestTokens.member(member)).body(transaction("500.00", 10)).post("/api/v1/transactions");
        response.then().statusCode(201)
                .body("approvalRequired", equalTo(true))
                .body("approval.status", equalTo("PENDING"))
                .body("approval.kind", equalTo("TRANSACTION"))
                .body("approval.memberId", equalTo(member))
                .body("approval.amount", equalTo("500.00"))
                .body("approval.currency", equalTo("EUR"))
                .body("approval.payee", equalTo("ACME Utilities"))
                .body("logEntry.details.approvalRequired", equalTo(true));
        String entryId = response.path("logEntry.id");
        String approvalId = response.path("approval.id");
        assertEquals(approvalId, response.path("logEntry.details.approvalId"));
        assertEquals(entryId, response.path("approval.securityLogId"));

        Approval stored = QuarkusTransaction.requiringNew().call(() -> Approval.findById(UUID.fromString(approvalId)));
        assertEquals(UUID.fromString(entryId), stored.securityLogId);
        assertEquals(new BigDecimal("500.00"), stored.amount);
        // The trail: the transaction, then exactly one APPROVAL_REQUESTED naming the approval and the entry.
        given().auth().oauth2(TestTokens.member(member)).get("/api/v1/security-logs")
                .then().statusCode(200)
                .body("items.type", equalTo(List.of("APPROVAL_REQUESTED", "TRANSACTION")))
                .body("items[0].details.approvalId", equalTo(approvalId))
                .body("items[0].details.securityLogId", equalTo(entryId));
    }

    @Test
    void riskAtTheThresholdIsHeld() {
        postTransaction(newMemberId(), transaction("10.00", 69)).statusCode(201).body("approvalRequired", equalTo(false));
        postTransaction(newMemberId(), transaction("10.00", 70)).statusCode(201).body("approvalRequired", equalTo(true))
                .body("approval.status", equalTo("PENDING"));
    }

    @Test
    void amountsAreDecimalStringsEitherWayIn() {
        as(TestTokens.member(newMemberId())).body(transaction(1250, 0)).post("/api/v1/transactions").then().log().ifValidationFails().statusCode(201)
                .body("logEntry.details.amount", equalTo("1250.00")).body("approval.amount", equalTo("1250.00"));
        postTransaction(newMemberId(), transaction(new BigDecimal("12.5"), 0)).statusCode(201)
                .body("logEntry.details.amount", equalTo("12.50"));
        postTransaction(newMemberId(), transaction("12.500", 0)).statusCode(201)
                .body("logEntry.details.amount", equalTo("12.50"));
        postTransaction(newMemberId(), transaction("0.01", 0)).statusCode(201)
                .body("logEntry.details.amount", equalTo("0.01"));
        postTransaction(newMemberId(), transaction("999999999999.99", 0)).statusCode(201)
                .body("logEntry.details.amount", equalTo("999999999999.99"))
                .body("approval.amount", equalTo("999999999999.99"));
    }

    @Test
    void amountRules() {
        invalid("amount", b -> b.put("amount", "0"), "must be greater than 0");
        invalid("amount", b -> b.put("amount", "0.00"), "must be greater than 0");
        invalid("amount", b -> b.put("amount", "-5.00"), "must be greater than 0");
        invalid("amount", b -> b.put("amount", "12.345"), "must have at most 2 fraction digits");
        invalid("amount", b -> b.put("amount", new BigDecimal("12.345")), "must have at most 2 fraction digits");
        invalid("amount", b -> b.put("amount", "1000000000000"), "must be less than 1000000000000");
        invalid("amount", b -> b.put("amount", "1e12"), "must be less than 1000000000000");
        invalid("amount", b -> b.put("amount", "abc"));
        invalid("amount", b -> b.put("amount", "NaN"));
        invalid("amount", b -> b.put("amount", true));
        invalid("amount", b -> b.remove("amount"));
    }

    @Test
    void currencyIsAnIso4217Code() {
        valid(b -> b.put("currency", "USD"));
        valid(b -> b.put("currency", "JPY"));
        invalid("currency", b -> b.put("currency", "eur"), "must be an ISO 4217 currency code such as EUR");
        invalid("currency", b -> b.put("currency", "XYZ"));
        invalid("currency", b -> b.put("currency", "EURO"));
        invalid("currency", b -> b.remove("currency"));
    }

    @Test
    void payeeHas1To200Characters() {
        valid(b -> b.put("payee", "p".repeat(200)));
        valid(b -> b.put("payee", "P"));
        invalid("payee", b -> b.put("payee", "p".repeat(201)));
        invalid("payee", b -> b.put("payee", ""));
        invalid("payee", b -> b.put("payee", "   "), "must not be blank");
        invalid("payee", b -> b.remove("payee"));
    }

    @Test
    void channelIsOneOfSevenValues() {
        for (String channel : List.of("CARD", "BANK_TRANSFER", "WIRE", "GIFT_CARD", "CRYPTO", "CHECK", "OTHER")) {
            valid(b -> b.put("channel", channel));
        }
        invalid("channel", b -> b.put("channel", "CASH"),
                "must be one of CARD, BANK_TRANSFER, WIRE, GIFT_CARD, CRYPTO, CHECK, OTHER");
        invalid("channel", b -> b.remove("channel"));
    }

    @Test
    void occurredAtAndRiskScoreAsForScamCalls() {
        invalid("occurredAt", b -> b.put("occurredAt", java.time.Instant.now().plusSeconds(301).toString()));
        invalid("occurredAt", b -> b.put("occurredAt", "31.01.2026"));
        invalid("riskScore", b -> b.put("riskScore", 70.5));
        invalid("riskScore", b -> b.put("riskScore", 101));
        invalid("riskScore", b -> b.put("riskScore", 1e30));
    }

    @Test
    void externalRefIsOptionalUpTo100Characters() {
        valid(b -> b.put("externalRef", "r".repeat(100)));
        Map<String, Object> body = transaction("5.00", 0);
        body.remove("externalRef");
        postTransaction(newMemberId(), body).statusCode(201).body("logEntry.details", not(hasKey("externalRef")));
        invalid("externalRef", b -> b.put("externalRef", "r".repeat(101)));
    }

    @Test
    void onlyMembersLogTransactions() {
        given().contentType("application/json").body(transaction("5.00", 0)).post("/api/v1/transactions")
                .then().statusCode(401).contentType(PROBLEM);
        as(TestTokens.advocate("a-1")).body(transaction("5.00", 0)).post("/api/v1/transactions")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void aRetriedHeldTransactionOpensOneApproval() {
        String member = newMemberId();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = transaction("2500.00", 10);
        Response first = as(TestTokens.member(member)).header("Idempotency-Key", key).body(body).post("/api/v1/transactions");
        Response retry = as(TestTokens.member(member)).header("Idempotency-Key", key).body(body).post("/api/v1/transactions");
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.asString(), retry.asString());
        long approvals = QuarkusTransaction.requiringNew().call(() -> Approval.count("memberId", member));
        long entries = QuarkusTransaction.requiringNew().call(() -> SecurityLogEntry.count("memberId", member));
        assertEquals(1, approvals);
        assertEquals(2, entries); // TRANSACTION + APPROVAL_REQUESTED, once
        Map<String, Object> changed = transaction("2500.01", 10);
        as(TestTokens.member(member)).header("Idempotency-Key", key).body(changed).post("/api/v1/transactions")
                .then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void committedTransactionsAreCountedByHeld() {
        postTransaction(newMemberId(), transaction("900.00", 0)).statusCode(201);
        postTransaction(newMemberId(), transaction("9.00", 0)).statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("aegis_transactions_logged_total{held=\"true\"}"))
                .body(containsString("aegis_transactions_logged_total{held=\"false\"}"));
    }

    private static void valid(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = transaction("10.00", 0);
        change.accept(body);
        postTransaction(newMemberId(), body).statusCode(201);
    }

    private static void invalid(String field, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = transaction("10.00", 0);
        change.accept(body);
        postTransaction(newMemberId(), body).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    private static void invalid(String field, Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> body = transaction("10.00", 0);
        change.accept(body);
        postTransaction(newMemberId(), body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem(field))
                .body("errors.message", hasItem(message));
    }
}
