package com.aegis.vault.packaged;

import com.aegis.vault.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main flows of API.md over HTTP against the packaged application (jar, or native executable with
 * -Dnative): everything Jackson, Hibernate Validator, SmallRye JWT and the entities do by reflection
 * runs here as it will in the container, after the artifact's own `migrate` prepared the schema.
 */
@QuarkusIntegrationTest
@WithTestResource(MigratedDatabase.class)
class PackagedFlowsIT {

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The value of a Prometheus sample, e.g. {@code aegis_x_total{held="true",} 2.0}; 0 when absent. */
    private static double counter(String metrics, String name, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aMemberLogsAScamCallIntoTheHashChainAndARetryCreatesNothingNew() {
        String member = "m-" + UUID.randomUUID();
        String token = TestTokens.member(member);
        String body = """
                {"callerNumber":"+4915112345678","occurredAt":"%s","durationSeconds":42,
                 "riskScore":91,"verdict":"BLOCKED","notes":"said he was from the bank"}""".formatted(now());
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> first = given().auth().oauth2(token).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/scam-calls")
                .then().statusCode(201)
                .body("memberId", equalTo(member))
                .body("seq", equalTo(1))
                .body("type", equalTo("SCAM_CALL"))
                .body("riskScore", equalTo(91))
                .body("details.callerNumber", equalTo("+4915112345678"))
                .body("prevHash", equalTo("0".repeat(64)))
                .body("hash", notNullValue())
                .extract();

        String retried = given().auth().oauth2(token).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/scam-calls")
                .then().statusCode(201).extract().asString();
        assertEquals(first.asString(), retried, "the retry answers the stored response");

        given().auth().oauth2(token).when().get("/api/v1/security-logs")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("nextCursor", nullValue());
    }

    @Test
    void invalidInputIsAProblemDocumentNotAServerError() {
        given().auth().oauth2(TestTokens.member("m-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("""
                        {"callerNumber":"12","occurredAt":"%s","riskScore":50.5,"verdict":"BLOCKED"}""".formatted(now()))
                .when().post("/api/v1/scam-calls")
                .then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("riskScore"));
    }

    @Test
    void aHeldTransactionIsApprovedByTheLinkedAdvocateAndTheChainVerifies() {
        String member = "m-" + UUID.randomUUID();
        String advocate = "a-" + UUID.randomUUID();
        String memberToken = TestTokens.member(member);
        String advocateToken = TestTokens.advocate(advocate);

        ExtractableResponse<Response> held = given().auth().oauth2(memberToken).contentType(ContentType.JSON)
                .body("""
                        {"amount":"1250.00","currency":"EUR","payee":"Gift Card Outlet","channel":"GIFT_CARD",
                         "occurredAt":"%s","riskScore":40,"externalRef":"bank-ref-1"}""".formatted(now()))
                .when().post("/api/v1/transactions")
                .then().statusCode(201)
                .body("approvalRequired", equalTo(true))
                .body("logEntry.type", equalTo("TRANSACTION"))
                .body("approval.status", equalTo("PENDING"))
                .body("approval.amount", equalTo("1250.00"))
                .extract();
        String approvalId = held.path("approval.id");

        given().auth().oauth2(memberToken).when().put("/api/v1/members/me/advocates/" + advocate)
                .then().statusCode(201)
                .body("memberId", equalTo(member))
                .body("advocateId", equalTo(advocate));

        given().auth().oauth2(advocateToken).when().get("/api/v1/approvals?status=PENDING")
                .then().statusCode(200)
                .body("items.id", hasItem(approvalId));

        given().auth().oauth2(advocateToken).contentType(ContentType.JSON)
                .body(Map.of("decision", "APPROVE", "note", "I called her: it is her grandson's birthday"))
                .when().post("/api/v1/approvals/" + approvalId + "/resolution")
                .then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("resolvedBy", equalTo(advocate));

        List<String> types = given().auth().oauth2(memberToken).when().get("/api/v1/security-logs")
                .then().statusCode(200).extract().path("items.type");
        assertEquals(List.of("APPROVAL_RESOLVED", "ADVOCATE_LINKED", "APPROVAL_REQUESTED", "TRANSACTION"), types,
                "newest first, one entry per event");

        given().auth().oauth2(advocateToken).when().get("/api/v1/security-logs/verify?memberId=" + member)
                .then().statusCode(200)
                .body("memberId", equalTo(member))
                .body("entries", equalTo(4))
                .body("valid", equalTo(true))
                .body("firstInvalidSeq", nullValue());

        // the business counters operators alert on (Prometheus text, as scraped)
        String metrics = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(counter(metrics, "aegis_transactions_logged_total", "held=\"true\"") >= 1, metrics);
        assertTrue(counter(metrics, "aegis_approvals_resolved_total", "decision=\"APPROVE\"") >= 1, metrics);
    }
}
