package com.aegis.vault.database;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database outage is answered 503 (retry later), a bug 500: the cause chain decides. */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresDeepInTheCauseChainMeanTheDatabaseIsOutOfReach() {
        assertTrue(DatabaseUnavailable.causedBy(new PersistenceException("could not execute statement",
                new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseUnavailable.causedBy(new IllegalStateException(
                new SQLException("Acquisition timeout while waiting for new connection"))));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("Sorry, acquisition timeout!")));
        assertTrue(DatabaseUnavailable.causedBy(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseUnavailable.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01")));
    }

    @Test
    void otherFailuresAreNotBlamedOnTheDatabaseConnection() {
        assertFalse(DatabaseUnavailable.causedBy(new NullPointerException()));
        assertFalse(DatabaseUnavailable.causedBy(new PersistenceException(new SQLException("duplicate key", "23505"))));
    }
}
