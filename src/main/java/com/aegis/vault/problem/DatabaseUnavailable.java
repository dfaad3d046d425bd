package com.aegis.vault.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure caused by the database being out of reach (down, restarting, failing over, or
 * every pooled connection broken), which the client should retry later (503), as opposed to a bug (500).
 */
final class DatabaseUnavailable {

    /** SQLState class 08: connection exception; 57P01-57P03: the server is shutting down or starting. */
    private static final String CONNECTION_CLASS = "08";

    private DatabaseUnavailable() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_CLASS) || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // Agroal: no connection could be had from the pool within the acquisition timeout.
            // ("Sorry, acquisition timeout!", without a SQLState).
            if (t instanceof SQLException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
