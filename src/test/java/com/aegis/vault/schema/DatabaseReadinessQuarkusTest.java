package com.aegis.vault.schema;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Reachability of the database is checked on every probe by the datasource's own readiness check
 * (the schema-version check remembers a current schema for a while): it must stay part of readiness.
 */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class DatabaseReadinessQuarkusTest {

    @Test
    void everyProbeChecksThatTheDatabaseAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }
}
