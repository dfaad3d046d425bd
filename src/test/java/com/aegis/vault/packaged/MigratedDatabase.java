package com.aegis.vault.packaged;

import com.aegis.vault.testing.PackagedApp;
import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a Kubernetes pod goes through before the packaged application serves: a PostgreSQL database of
 * its own, migrated by the packaged artifact's `migrate` command run as a separate process (the
 * init-container, with the datasource in its environment as the Secret provides it), and only then the
 * application, started by Quarkus' integration-test launcher with the same datasource.
 *
 * <p>Ordered late, so that its datasource settings win over any other resource a test class declares.
 */
public class MigratedDatabase implements QuarkusTestResourceLifecycleManager {

    /** How the first migrate run went, for the tests to look at. */
    static volatile PackagedApp.Result firstMigrate;
    static volatile String database;

    @Override
    public Map<String, String> start() {
        database = PostgresTestDatabase.createDatabase("aegis_it");
        firstMigrate = migrate();
        if (firstMigrate.exitCode() != 0) {
            throw new IllegalStateException("migrate exited " + firstMigrate.exitCode() + ":\n" + firstMigrate.output());
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", PostgresTestDatabase.urlOf(database),
                "quarkus.datasource.username", PostgresTestDatabase.user(),
                "quarkus.datasource.password", PostgresTestDatabase.password(),
                // The dev key pair: the tests sign their tokens with its private half (TestTokens).
                "mp.jwt.verify.publickey.location", "file:" + Path.of("src/dev/jwt/publicKey.pem").toAbsolutePath());
    }

    /** Runs the packaged artifact's migrate command against this resource's database. */
    static PackagedApp.Result migrate() {
        try {
            return new PackagedApp(database).run(Map.of("QUARKUS_HTTP_PORT", "0"), "migrate");
        } catch (Exception e) {
            throw new IllegalStateException("could not run migrate", e);
        }
    }

    @Override
    public void stop() {
        if (database != null) {
            PostgresTestDatabase.dropDatabase(database);
            database = null;
        }
    }

    @Override
    public int order() {
        return 100;
    }
}
