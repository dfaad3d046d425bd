package com.aegis.vault.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code migrate} would run, migration by migration, without running anything: the SQL of each script,
 * and for a Java migration its own account in words ({@link DescribedMigration}). Reads the history table
 * through Flyway's {@code info} (which creates nothing, not even the history table) and, for the Java
 * migrations' row counts, one read-only connection whose transaction is rolled back.
 */
public final class MigrationPlan {

    /** One migration of the plan: its label, where it comes from, and the SQL or the description. */
    public record Step(String label, String source, boolean sql, String body) {
    }

    private MigrationPlan() {
    }

    /** The pending migrations of {@code flyway} (configured with the target, if any), in the order they would run. */
    public static List<Step> pending(Flyway flyway) {
        List<Step> steps = new ArrayList<>();
        MigrationInfo[] pending = flyway.info().pending();
        for (MigrationInfo m : pending) {
            String label = "V" + m.getVersion() + " " + m.getDescription();
            if (m.getScript().endsWith(".sql")) {
                String name = m.getScript().substring(m.getScript().lastIndexOf('/') + 1);
                UndoScript script = UndoScript.read(flyway.getConfiguration(), name)
                        .orElseThrow(() -> new IllegalStateException("cannot read the script of " + label + " (" + name + ")"));
                steps.add(new Step(label, script.location(), true, script.sql()));
            } else {
                steps.add(new Step(label, "Java migration " + m.getScript(), false, describe(flyway, m)));
            }
        }
        return steps;
    }

    private static String describe(Flyway flyway, MigrationInfo migration) {
        Object instance;
        try {
            ClassLoader loader = flyway.getConfiguration().getClassLoader() != null
                    ? flyway.getConfiguration().getClassLoader() : Thread.currentThread().getContextClassLoader();
            instance = Class.forName(migration.getScript(), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "runs Java code (" + migration.getScript() + "); it cannot describe itself";
        }
        if (!(instance instanceof DescribedMigration described)) {
            return "runs Java code (" + migration.getScript() + "); it cannot describe itself";
        }
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            connection.setReadOnly(true);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return described.describePlan(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
                connection.setReadOnly(false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot describe " + migration.getScript() + ": " + FailureMessages.describe(e), e);
        }
    }
}
