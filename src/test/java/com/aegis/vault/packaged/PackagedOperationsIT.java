package com.aegis.vault.packaged;

import com.aegis.vault.testing.PackagedApp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged application (jar, or native executable with -Dnative) after its own `migrate` command
 * prepared the database: what Kubernetes and the operators rely on.
 */
@QuarkusIntegrationTest
@WithTestResource(MigratedDatabase.class)
class PackagedOperationsIT {

    @Test
    void theMigrateCommandPreparedTheSchemaAndIsHarmlessWhenRunAgain() {
        assertEquals(0, MigratedDatabase.firstMigrate.exitCode(), MigratedDatabase.firstMigrate.output());
        PackagedApp.Result again = MigratedDatabase.migrate(); // the next pod's init-container
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.took().toSeconds() < 30, "migrate on an up-to-date schema took " + again.took());
    }

    @Test
    void probesAnswerUpOnTheMigratedSchema() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", hasItem("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200); // at least one request to count
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("agroal_active_count"))   // pool saturation, for sizing the pods
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void prodLogsAreJsonLinesCarryingTheRequestsCorrelationId() throws Exception {
        String id = "it-" + UUID.randomUUID();
        given().header("X-Request-Id", id).when().get("/api/v1/security-logs")
                .then().statusCode(401).header("X-Request-Id", id);

        // Quarkus' launcher writes the packaged application's console to target/quarkus.log
        Path log = Path.of("target/quarkus.log");
        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            var line = lines.stream().filter(l -> l.contains(id)).findFirst();
            if (line.isPresent()) {
                JsonNode entry = json.readTree(line.get()); // a JSON document, not text
                assertTrue(entry.path("message").asText().contains("correlationId=" + id), line.get());
                assertTrue(entry.path("message").asText().matches(".* \\d+ ms correlationId=.*"), "with its duration: " + line.get());
                assertEquals("io.quarkus.http.access-log", entry.path("loggerName").asText());
                assertTrue(entry.hasNonNull("timestamp") && entry.hasNonNull("level"), line.get());
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no log line with correlation id " + id + " in " + log);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void anApiCallWithoutTokenIsRefused() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/scam-calls")
                .then().statusCode(401)
                .time(lessThan(5000L));
    }
}
