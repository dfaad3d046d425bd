package com.aegis.vault.openapi;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** /q/openapi describes the endpoints of the API as they behave, errors included. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class OpenApiDocumentQuarkusTest {

    @Test
    void describesTheEndpointsTheirSecurityAndTheirErrors() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Aegis Trust Vault API"))
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"))
                .body("components.securitySchemes.bearerAuth.bearerFormat", equalTo("JWT"))
                .body("paths.'/api/v1/scam-calls'.post.security[0]", hasKey("bearerAuth"))
                .body("paths.'/api/v1/scam-calls'.post.responses.'201'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/SecurityLogEntry"))
                .body("paths.'/api/v1/scam-calls'.post.responses.'422'.'$ref'",
                        equalTo("#/components/responses/IdempotencyKeyReused"))
                .body("paths.'/api/v1/transactions'.post.responses.'201'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/TransactionResult"))
                .body("paths.'/api/v1/transactions'.post.responses.keySet()",
                        hasItems("201", "400", "401", "403", "413", "415", "422", "500"))
                .body("paths.'/api/v1/security-logs'.get.parameters.name",
                        hasItems("memberId", "type", "from", "to", "limit", "cursor"))
                .body("paths.'/api/v1/security-logs/verify'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ChainVerification"))
                .body("paths.'/api/v1/security-logs/{id}'", not(hasKey("put")))
                .body("paths.'/api/v1/security-logs/{id}'", not(hasKey("delete")))
                .body("components.responses.BadRequest.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.Problem.properties", not(hasKey("extensions")))
                .body("components.schemas.TransactionRequest.required",
                        hasItems("amount", "currency", "payee", "channel", "occurredAt", "riskScore"))
                .body("components.schemas.TransactionRequest.properties.amount.type", hasItems("string", "number"))
                .body("components.schemas.ScamCallRequest.properties.riskScore.maximum", equalTo(100))
                .body("components.schemas.SecurityLogEntry.properties.details.type", equalTo("object"))
                .body("components.schemas.Verdict.enum", hasItems("BLOCKED", "WARNED", "ALLOWED", "REPORTED"))
                .body("components.parameters.'Idempotency-Key'.in", equalTo("header"))
                .body("components.parameters.'Idempotency-Key'.schema.maxLength", equalTo(128))
                .body("paths.'/api/v1/scam-calls'.post.parameters.'$ref'",
                        equalTo(List.of("#/components/parameters/Idempotency-Key")))
                .body("paths.'/api/v1/transactions'.post.parameters.'$ref'",
                        equalTo(List.of("#/components/parameters/Idempotency-Key")))
                .body("paths.'/api/v1/approvals'.post.parameters.'$ref'",
                        equalTo(List.of("#/components/parameters/Idempotency-Key")))
                .body("components.responses.ServerError", notNullValue());
    }
}
