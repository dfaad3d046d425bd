package com.aegis.vault.migration;

import com.aegis.vault.command.CommandLine;
import com.aegis.vault.command.MigrationCommands;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A fresh database of one vendor per test, and the packaged app's command code run against it. */
abstract class VendorCommandsTest {

    Vendor db;

    abstract Vendor newVendor();

    @BeforeEach
    void createDatabase() {
        db = newVendor();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    /** Runs one command as `java -jar quarkus-run.jar ARGS` would, returning its standard output. */
    String run(Flyway flyway, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MigrationCommands.run(flyway, CommandLine.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
