package com.aegis.vault.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The application's schema as information_schema describes it: tables, columns, constraints (Flyway's table left out). */
final class SchemaSnapshot {

    private SchemaSnapshot() {
    }

    static List<String> of(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        List<String> lines = new ArrayList<>();
        query(connection, "SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, "
                + "numeric_precision, numeric_scale, column_default FROM information_schema.columns "
                + "WHERE table_schema = '" + schema + "' AND table_name <> 'flyway_schema_history' "
                + "ORDER BY table_name, column_name", lines, "column");
        query(connection, "SELECT table_name, constraint_type, constraint_name FROM information_schema.table_constraints "
                + "WHERE table_schema = '" + schema + "' AND table_name <> 'flyway_schema_history'", lines, "constraint");
        // Names the database generates (PostgreSQL's NOT NULL checks, H2's CONSTRAINT_nn) differ between runs.
        return lines.stream()
                .map(line -> line.replaceAll("\\S*_not_null$", "<generated>").replaceAll("(?i)constraint_[0-9a-f]+$", "<generated>"))
                .sorted()
                .toList();
    }

    private static void query(Connection connection, String sql, List<String> lines, String kind) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder(kind);
                for (int i = 1; i <= columns; i++) {
                    line.append(' ').append(rs.getString(i));
                }
                lines.add(line.toString());
            }
        }
    }
}
