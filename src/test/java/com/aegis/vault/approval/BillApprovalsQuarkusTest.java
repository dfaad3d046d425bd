package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.billBody;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.count;
import static com.aegis.vault.testing.ApiFixtures.entries;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class BillApprovalsQuarkusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBillRequestOpensOnePendingApprovalAndLogsOneRequest() throws Exception {
        String member = newUser("m");
        Response created = as(TestTokens.member(member)).body(billBody("180.40")).post(APPROVALS)
                .then().statusCode(201)
                .contentType("application/json")
                .body("memberId", equalTo(member))
                .body("kind", equalTo("BILL"))
                .body("status", equalTo("PENDING"))
                .body("amount", equalTo("180.40"))
                .body("currency", equalTo("EUR"))
                .body("payee", equalTo("City Water Ltd"))
                .body("dueDate", equalTo("2026-12-15"))
                .body("description", equalTo("Water bill"))
                .body("securityLogId", nullValue())
                .body("resolvedAt", nullValue())
                .body("resolvedBy", nullValue())
                .extract().response();
        String id = created.path("id");
        Instant createdAt = Instant.parse(created.path("createdAt"));
        Instant expiresAt = Instant.parse(created.path("expiresAt"));
        assertEquals(Duration.ofHours(72), Duration.between(createdAt, expiresAt));

        as(TestTokens.member(member)).get(APPROVALS + "/{id}", id).then().statusCode(200)
                .body("id", equalTo(id)).body("amount", equalTo("180.40"));
        List<SecurityLogEntry> requested = entries(member, LogType.APPROVAL_REQUESTED);
        assertEquals(1, requested.size());
        JsonNode details = JSON.readTree(requested.get(0).details);
        assertEquals(id, details.get("approvalId").asText());
        assertEquals("BILL", details.get("kind").asText());
        assertEquals("180.40", details.get("amount").asText());
    }

    @Test
    void amountMayBeAJsonNumberAndTravelsBackAsADecimalString() {
        String member = newUser("m");
        String body = "{\"kind\":\"BILL\",\"payee\":\"Gas\",\"amount\":1250.1,\"currency\":\"GBP\",\"dueDate\":\"2027-01-31\"}";
        as(TestTokens.member(member)).body(body).post(APPROVALS).then().statusCode(201)
                .body("amount", equalTo("1250.10"))
                .body("description", nullValue());
        // Trailing zeros are not fraction digits that matter; unknown fields are ignored.
        String loose = "{\"kind\":\"BILL\",\"payee\":\"Gas\",\"amount\":\"7.500\",\"currency\":\"JPY\","
                + "\"dueDate\":\"2027-01-31\",\"futureField\":{\"x\":1}}";
        as(TestTokens.member(member)).body(loose).post(APPROVALS).then().statusCode(201).body("amount", equalTo("7.50"));
    }

    @Test
    void amountBoundaries() {
        String member = newUser("m");
        for (String ok : List.of("0.01", "999999999999.99", "500.00", "499.99", "1")) {
            as(TestTokens.member(member)).body(billBody(ok)).post(APPROVALS).then().statusCode(201);
        }
        // Same rules and messages as POST /api/v1/transactions (shared constraints); "" = any message.
        Map<String, String> bad = Map.of(
                "\"0\"", "must be greater than 0",
                "\"0.00\"", "must be greater than 0",
                "\"-5\"", "must be greater than 0",
                "\"1.005\"", "must have at most 2 fraction digits",
                "0.001", "must have at most 2 fraction digits",
                "\"1000000000000\"", "must be less than 1000000000000",
                "1e12", "must be less than 1000000000000",
                "\"12,50\"", "",
                "true", "",
                "null", "must not be null");
        long before = count(member, LogType.APPROVAL_REQUESTED);
        bad.forEach((amount, message) -> {
            var response = as(TestTokens.member(member))
                    .body("{\"kind\":\"BILL\",\"payee\":\"P\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"dueDate\":\"2026-12-15\"}")
                    .post(APPROVALS)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://aegis.example/problems/validation"))
                    .body("errors.field", equalTo(List.of("amount")));
            if (!message.isEmpty()) {
                response.body("errors[0].message", equalTo(message));
            }
        });
        assertEquals(before, count(member, LogType.APPROVAL_REQUESTED), "a refused request logs nothing");
    }

    @Test
    void textAndCodeFieldBoundaries() {
        String member = newUser("m");
        String okBody = bodyWith("\"payee\":\"" + "p".repeat(200) + "\",\"description\":\"" + "d".repeat(1000) + "\"");
        as(TestTokens.member(member)).body(okBody).post(APPROVALS).then().statusCode(201);

        Map<String, String> badField = Map.ofEntries(
                Map.entry("\"payee\":\"" + "p".repeat(201) + "\"", "payee"),
                Map.entry("\"payee\":\"\"", "payee"),
                Map.entry("\"payee\":\"   \"", "payee"),
                Map.entry("\"description\":\"" + "d".repeat(1001) + "\"", "description"),
                Map.entry("\"currency\":\"eur\"", "currency"),
                Map.entry("\"currency\":\"ABC\"", "currency"),
                Map.entry("\"currency\":\"EURO\"", "currency"),
                Map.entry("\"dueDate\":\"2026-02-30\"", "dueDate"),
                Map.entry("\"dueDate\":\"15/12/2026\"", "dueDate"),
                Map.entry("\"dueDate\":\"2026-12-15T00:00:00Z\"", "dueDate"),
                Map.entry("\"dueDate\":20000", "dueDate"),
                Map.entry("\"payee\":42", "payee"),
                Map.entry("\"kind\":\"TRANSACTION\"", "kind"),
                Map.entry("\"kind\":\"bill\"", "kind"),
                Map.entry("\"payee\":\"nul\\u0000byte\"", "payee"));
        badField.forEach((field, name) -> as(TestTokens.member(member)).body(bodyWith(field)).post(APPROVALS)
                .then().statusCode(400).body("errors.field", equalTo(List.of(name))));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        as(TestTokens.member(newUser("m"))).body("{\"amount\":\"-1\",\"currency\":\"x\"}").post(APPROVALS)
                .then().statusCode(400)
                .body("errors.field", hasItems("kind", "payee", "amount", "currency", "dueDate"));
        as(TestTokens.member(newUser("m"))).body("").post(APPROVALS).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.member(newUser("m"))).body("{\"kind\":\"BILL\",").post(APPROVALS).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.member(newUser("m"))).contentType("text/plain").body(billBody("1.00")).post(APPROVALS)
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReplaysTheResponseAndCreatesNothing() {
        String member = newUser("m");
        String key = "bill-" + newUser("k");
        Response first = as(TestTokens.member(member)).header("Idempotency-Key", key).body(billBody("42.00"))
                .post(APPROVALS).then().statusCode(201).extract().response();
        // Same JSON once parsed: other key order and spacing.
        String reordered = "{ \"dueDate\":\"2026-12-15\", \"description\":\"Water bill\", \"currency\":\"EUR\","
                + " \"amount\":\"42.00\", \"payee\":\"City Water Ltd\", \"kind\":\"BILL\" }";
        Response retry = as(TestTokens.member(member)).header("Idempotency-Key", key).body(reordered)
                .post(APPROVALS).then().statusCode(201).extract().response();

        assertEquals(first.asString(), retry.asString());
        assertEquals(1, count(member, LogType.APPROVAL_REQUESTED));
        as(TestTokens.member(member)).header("Idempotency-Key", key).body(billBody("43.00"))
                .post(APPROVALS).then().statusCode(422).contentType("application/problem+json");
        // The key belongs to its caller: another member's identical request is their own.
        String other = newUser("m");
        as(TestTokens.member(other)).header("Idempotency-Key", key).body(billBody("42.00"))
                .post(APPROVALS).then().statusCode(201).body("memberId", equalTo(other));
        assertEquals(1, count(member, LogType.APPROVAL_REQUESTED));
    }

    @Test
    void concurrentRetriesWithOneKeyOpenOneApproval() throws Exception {
        String member = newUser("m");
        String key = "bill-" + newUser("k");
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> as(TestTokens.member(member)).header("Idempotency-Key", key).body(billBody("99.99"))
                    .post(APPROVALS).then().statusCode(201).extract().path("id"));
        }
        List<String> ids = concurrently(tasks);

        assertEquals(1, ids.stream().distinct().count(), ids.toString());
        assertEquals(1, count(member, LogType.APPROVAL_REQUESTED));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Approval.count("memberId", member)));
    }

    @Test
    void onlyMembersRequestBillReviews() {
        as(TestTokens.advocate(newUser("a"))).body(billBody("10.00")).post(APPROVALS).then().statusCode(403);
        as(TestTokens.admin(newUser("z"))).body(billBody("10.00")).post(APPROVALS).then().statusCode(403);
        given().contentType("application/json").body(billBody("10.00")).post(APPROVALS).then().statusCode(401);
    }

    @Test
    void billRequestsAreCounted() {
        double before = counter("aegis_approvals_bill_requests_total");
        ApiFixtures.bill(newUser("m"));
        assertEquals(before + 1, counter("aegis_approvals_bill_requests_total"));
    }

    static double counter(String line) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(line)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    private static String bodyWith(String override) {
        String name = override.substring(1, override.indexOf('"', 1));
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("kind", "\"BILL\"");
        fields.put("payee", "\"City Water Ltd\"");
        fields.put("amount", "\"10.00\"");
        fields.put("currency", "\"EUR\"");
        fields.put("dueDate", "\"2026-12-15\"");
        fields.remove(name);
        StringBuilder body = new StringBuilder("{").append(override);
        fields.forEach((k, v) -> body.append(",\"").append(k).append("\":").append(v));
        return body.append('}').toString();
    }
}
