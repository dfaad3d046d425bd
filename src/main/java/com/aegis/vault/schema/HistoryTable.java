package com.aegis.vault.schema;

import org.flywaydb.core.api.configuration.Configuration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and edits Flyway's schema history table, the record of what is applied (Alembic's alembic_version). */
public final class HistoryTable {

    /** One applied versioned migration as recorded. */
    public record Row(int installedRank, String version, String description, String type, boolean success) {

        public String label() {
            return "V" + version + " (" + description + ")";
        }

        public boolean isBaseline() {
            return type.contains("BASELINE");
        }
    }

    private final String table;

    public HistoryTable(Configuration configuration) {
        String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
                : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : null;
        // Flyway creates the table and its columns with quoted lower-case names on every database.
        this.table = (schema == null ? "" : '"' + schema + "\".") + '"' + configuration.getTable() + '"';
    }

    /** Every versioned entry, newest first. */
    public List<Row> versionedNewestFirst(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT \"installed_rank\", \"version\", \"description\", \"type\", \"success\" FROM " + table
                        + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            }
        }
        return rows;
    }

    /** Locks the entry for the rest of the transaction; false if another process removed it meanwhile. */
    public boolean lock(Connection connection, Row row) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT \"installed_rank\" FROM " + table + " WHERE \"installed_rank\" = ? FOR UPDATE")) {
            lock.setInt(1, row.installedRank());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void delete(Connection connection, Row row) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE \"installed_rank\" = ?")) {
            delete.setInt(1, row.installedRank());
            delete.executeUpdate();
        }
    }
}
