package com.aegis.vault.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Recognises a failure caused by the database being out of reach (down, restarting, failing over, every
 * pooled connection broken, or none to be had from the pool): the API answers it 503 (retry later) rather
 * than 500 (a bug), the commands add what to check to their one-line message.
 */
public final class DatabaseUnavailable {

    /** SQLState class 08: connection exception; 57P01-57P03: the server is shutting down or starting. */
    private static final String CONNECTION_CLASS = "08";

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
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
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
