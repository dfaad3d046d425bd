package com.aegis.vault.migration;

import com.aegis.vault.testing.PackagedApp;
import com.aegis.vault.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Eight pods' init-containers run `migrate` at the same moment on one empty database. */
class ConcurrentMigrateProcessIT {

    String database;

    @BeforeEach
    void emptyDatabase() {
        database = PostgresTestDatabase.createDatabase("aegis_race");
    }

    @AfterEach
    void drop() {
        PostgresTestDatabase.dropDatabase(database);
    }

    @Test
    void eightSimultaneousMigrateProcessesAllSucceedAndApplyEachMigrationOnce() throws Exception {
        PackagedApp app = new PackagedApp(database);
        List<ProcessBuilder> builders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            builders.add(app.builder(Map.of(), "migrate"));
        }
        List<Process> processes = new ArrayList<>();
        for (ProcessBuilder builder : builders) {
            processes.add(builder.start());
        }
        for (int i = 0; i < processes.size(); i++) {
            PackagedApp.Result result = PackagedApp.await(builders.get(i), processes.get(i));
            assertEquals(0, result.exitCode(), "process " + i + ": " + result.stderr() + result.stdout());
        }
        assertEquals(List.of("1", "2", "3", "4", "5"), MigrationCommandsProcessIT.appliedVersions(database),
                "each migration applied exactly once");
    }
}
