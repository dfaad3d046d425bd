package com.aegis.vault.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link PostgresTestDatabase} for every @QuarkusTest and @QuarkusIntegrationTest of the suite. */
@QuarkusTestResource(PostgresTestDatabase.class)
public final class UsesPostgres {

    private UsesPostgres() {
    }
}
