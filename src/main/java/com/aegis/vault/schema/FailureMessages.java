package com.aegis.vault.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Turns an exception chain into one readable line: the headline and the root cause, never stack frames. */
public final class FailureMessages {

    private FailureMessages() {
    }

    public static String describe(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        String top = oneLine(failure.getMessage());
        String deepest = oneLine(chain.get(chain.size() - 1).getMessage());
        String line;
        if (top.isEmpty()) {
            line = deepest.isEmpty() ? failure.getClass().getSimpleName() : deepest;
        } else {
            line = deepest.isEmpty() || top.contains(deepest) ? top : top + ": " + deepest;
        }
        boolean cannotConnect = chain.stream().anyMatch(t -> t instanceof SQLException sql
                && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
        if (cannotConnect) {
            line += " (check QUARKUS_DATASOURCE_JDBC_URL or DATABASE_URL, the credentials, and that the database is up)";
        }
        return line;
    }

    /**
     * The headline of a message. Flyway puts the headline first and then a dashed block of SQL state,
     * error code and message, which the root cause repeats; keep only the headline.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int details = message.indexOf("\n---");
        String headline = details >= 0 ? message.substring(0, details) : message;
        return headline.replaceAll("\\s+", " ").trim();
    }
}
