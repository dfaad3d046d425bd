package com.aegis.vault.schema;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A Java migration that can say, in words, what it would do to this database — for {@code migrate --dry-run},
 * which prints the SQL of SQL migrations but cannot print a Java migration's code. It must only read.
 */
public interface DescribedMigration {

    /** What the migration would do now, with the row counts it would touch; lines of plain text. */
    String describePlan(Connection connection) throws SQLException;
}
