package com.aegis.vault.problem;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The error layer, provoked through test-only endpoints: every failure is RFC 9457 problem+json. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ProblemLayerQuarkusTest {

    private static final String PROBLEM = "application/problem+json";
    private final String member = TestTokens.member("m-problems");

    @Test
    void validationErrorsNameTheJsonPropertyNotTheJavaPath() {
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"riskScore\":101,\"display_name\":\" \"}")
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("display_name"))
                .body("errors[1].field", equalTo("riskScore"))
                .body("errors[1].message", equalTo("must be less than or equal to 100"))
                .body("detail", equalTo("display_name must not be blank"));
    }

    @Test
    void aMissingBodyIsAValidationError() {
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"riskScore\": 5,")
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/malformed-json"))
                .body("detail", containsString("not valid JSON"));
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("[1,2]")
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("the request body must be a JSON object"));
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"riskScore\":5,\"display_name\":\"x\"} {}")
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void wrongJsonTypesNameTheField() {
        assertFieldError("{\"riskScore\":50.5,\"display_name\":\"x\"}", "riskScore", "must be an integer");
        assertFieldError("{\"riskScore\":\"50\",\"display_name\":\"x\"}", "riskScore", "must be an integer");
        assertFieldError("{\"riskScore\":1e400,\"display_name\":\"x\"}", "riskScore", "must be an integer");
        assertFieldError("{\"riskScore\":99999999999999999999999,\"display_name\":\"x\"}", "riskScore",
                "is out of range for integer");
        assertFieldError("{\"riskScore\":5,\"display_name\":17}", "display_name", "must be a string");
        assertFieldError("{\"riskScore\":5,\"display_name\":\"x\",\"amount\":\"abc\"}", "amount",
                "must be a decimal number (a JSON number or a string such as \"1250.00\")");
        assertFieldError("{\"riskScore\":5,\"display_name\":\"x\",\"colour\":\"BLUE\"}", "colour",
                "must be one of RED, GREEN");
        assertFieldError("{\"riskScore\":5,\"display_name\":\"x\",\"colour\":0}", "colour",
                "must be one of RED, GREEN");
        assertFieldError("{\"riskScore\":5,\"display_name\":\"x\",\"at\":\"yesterday\"}", "at",
                "must be an ISO-8601 instant string such as \"2026-01-31T12:00:00Z\"");
        assertFieldError("{\"riskScore\":5,\"display_name\":\"x\",\"at\":1700000000}", "at",
                "must be an ISO-8601 instant string such as \"2026-01-31T12:00:00Z\"");
    }

    private void assertFieldError(String body, String field, String message) {
        given().auth().oauth2(member).contentType(ContentType.JSON).body(body)
                .post("/test/problems/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/validation"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void unknownPropertiesAreIgnoredAndOffsetsAccepted() {
        given().auth().oauth2(member).contentType(ContentType.JSON)
                .body("{\"riskScore\":5,\"display_name\":\"x\",\"fromTheFuture\":{\"a\":[1]},"
                        + "\"at\":\"2026-01-31T13:00:00+01:00\",\"amount\":12.345}")
                .post("/test/problems/echo")
                .then().statusCode(200)
                .body("at", equalTo("2026-01-31T12:00:00Z"));
    }

    @Test
    void queryParameterViolationsKeepTheParameterName() {
        given().auth().oauth2(member).queryParam("limit", 0)
                .get("/test/problems/query")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unsupportedMediaTypeIs415() {
        given().auth().oauth2(member).contentType(ContentType.TEXT).body("riskScore=5")
                .post("/test/problems/echo")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/unsupported-media-type"))
                .body("status", equalTo(415));
    }

    @Test
    void bodiesOver64KiBAre413() {
        String big = "{\"display_name\":\"" + "x".repeat(70 * 1024) + "\",\"riskScore\":1}";
        given().auth().oauth2(member).contentType(ContentType.JSON).body(big)
                .post("/test/problems/echo")
                .then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/payload-too-large"))
                .body("status", equalTo(413));
    }

    @Test
    void chunkedBodiesOver64KiBAre413Too() throws Exception {
        byte[] big = ("{\"display_name\":\"" + "x".repeat(70 * 1024) + "\",\"riskScore\":1}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + "/test/problems/echo"))
                .header("Authorization", "Bearer " + member)
                .header("Content-Type", "application/json")
                // no Content-Length: the body arrives chunked, so only reading it reveals its size
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void unknownRoutesAre404() {
        given().auth().oauth2(member).get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/no-such-thing"));
        given().get("/nowhere").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void wrongMethodIs405() {
        given().auth().oauth2(member).delete("/test/problems/echo")
                .then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/method-not-allowed"));
    }

    @Test
    void missingTokenIs401() {
        given().get("/test/problems/query")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://aegis.example/problems/unauthorized"));
    }

    @Test
    void badSignatureIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String forged = Jwt.issuer(TestTokens.ISSUER).subject("m-1").groups(Set.of("member")).sign(otherKey);
        given().auth().oauth2(forged).get("/test/problems/query")
                .then().statusCode(401).contentType(PROBLEM)
                .body("detail", equalTo("the bearer token is not valid (signature, issuer or format)"));
        given().auth().oauth2("not-a-jwt").get("/test/problems/query")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void wrongIssuerIs401() {
        String token = Jwt.issuer("https://evil.example").subject("m-1").groups(Set.of("member")).sign();
        given().auth().oauth2(token).get("/test/problems/query")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void expiredTokenIs401() {
        Instant past = Instant.now().minusSeconds(7200);
        String token = Jwt.issuer(TestTokens.ISSUER).subject("m-1").groups(Set.of("member"))
                .issuedAt(past).expiresAt(past.plusSeconds(600)).sign();
        given().auth().oauth2(token).get("/test/problems/query")
                .then().statusCode(401).contentType(PROBLEM)
                .body("detail", equalTo("the bearer token has expired"));
    }

    @Test
    void wrongRoleIs403() {
        given().auth().oauth2(member).get("/test/problems/admin-only")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/forbidden"));
    }

    @Test
    void unexpectedErrorsAre500WithTheCorrelationIdAndNoInternals() {
        given().auth().oauth2(member).header("X-Request-Id", "req-12345")
                .get("/test/problems/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .header("X-Request-Id", "req-12345")
                .body("correlationId", equalTo("req-12345"))
                .body("detail", containsString("req-12345"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void everyResponseCarriesACorrelationId() {
        given().get("/nowhere").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "bad id with spaces\u0001").get("/nowhere")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().auth().oauth2(member).get("/test/problems/query")
                .then().statusCode(200).header("X-Request-Id", notNullValue());
        given().auth().oauth2(member).get("/test/problems/query")
                .then().body("correlationId", nullValue());
    }
}
