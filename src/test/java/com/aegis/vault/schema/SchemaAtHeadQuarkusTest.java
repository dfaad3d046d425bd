package com.aegis.vault.schema;

import com.aegis.vault.command.CommandLine;
import com.aegis.vault.command.MigrationCommands;
import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test application starts on an empty PostgreSQL database, migrates it at start and has Hibernate
 * validate every entity against the result: that it boots at all proves entities and migrations agree.
 */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class SchemaAtHeadQuarkusTest {

    @Inject
    Flyway flyway;

    @Test
    void theMigratedSchemaIsAtTheBuildsHeadAndTheServiceIsReady() {
        SchemaStatus status = SchemaStatus.of(flyway);
        assertTrue(status.upToDate(), status.problem());
        assertEquals("5", status.headLabel());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MigrationCommands.run(flyway, CommandLine.parse("info"), new PrintStream(out, true, StandardCharsets.UTF_8));
        String info = out.toString(StandardCharsets.UTF_8);
        assertEquals(5, info.lines().filter(l -> l.contains(" Success ")).count(), info);
        assertTrue(info.contains("Status: up to date"), info);

        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem(SchemaVersionReadinessCheck.NAME))
                .body("checks.find { it.name == '" + SchemaVersionReadinessCheck.NAME + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + SchemaVersionReadinessCheck.NAME + "' }.data.databaseVersion",
                        equalTo("5"));
    }
}
