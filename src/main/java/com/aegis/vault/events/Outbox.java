package com.aegis.vault.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox tables as the background workers see them: plain JDBC, each call its own short transaction
 * outside any request. The worker rows of {@code event_workers} are locked to elect one pod per job.
 */
@ApplicationScoped
class Outbox {

    static final String SEQUENCER = "sequencer";
    static final String PRUNER = "pruner";
    static final String RELAY = "relay";
    private static final String COLUMNS = "position, id, type, member_id, advocate_id, payload";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
    <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new OutboxUnavailable(e);
        }
    }

    /**
     * Gives the next committed events without a position the next positions, in the order of their
     * insertion. One pod at a time (the sequencer row lock), so positions become visible in order and
     * without gaps. @return the last assigned position
     */
    long sequence(int limit) {
        return inTransaction(c -> {
            long last = lockWorker(c, SEQUENCER, false);
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM event_outbox WHERE position IS NULL ORDER BY insert_seq LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return last;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE event_outbox SET position = ? WHERE id = ?")) {
                for (String id : ids) {
                    s.setLong(1, ++last);
                    s.setObject(2, java.util.UUID.fromString(id));
                    s.addBatch();
                }
                s.executeBatch();
            }
            setWorkerPosition(c, SEQUENCER, last);
            return last;
        });
    }

    /** The positioned events after {@code position}, in stream order, at most {@code limit}. */
    List<StreamEvent> after(long position, int limit) {
        return inTransaction(c -> read(c, "SELECT " + COLUMNS + " FROM event_outbox WHERE position > ? "
                + "ORDER BY position LIMIT ?", List.of(position, limit)));
    }

    /**
     * A resuming stream's events after {@code position} up to {@code upTo}: those of {@code members} and the
     * link events naming {@code advocateId} (either may be empty/null); everything when {@code all}.
     */
    List<StreamEvent> visibleAfter(long position, long upTo, boolean all, Collection<String> members,
                                   String advocateId, int limit) {
        List<Object> params = new ArrayList<>(List.of(position, upTo));
        StringBuilder where = new StringBuilder("position > ? AND position <= ?");
        if (!all) {
            List<String> ors = new ArrayList<>();
            if (!members.isEmpty()) {
                ors.add("member_id IN (" + String.join(", ", java.util.Collections.nCopies(members.size(), "?")) + ")");
                params.addAll(members);
            }
            if (advocateId != null) {
                ors.add("advocate_id = ?");
                params.add(advocateId);
            }
            if (ors.isEmpty()) {
                return List.of();
            }
            where.append(" AND (").append(String.join(" OR ", ors)).append(")");
        }
        params.add(limit);
        return inTransaction(c -> read(c, "SELECT " + COLUMNS + " FROM event_outbox WHERE " + where
                + " ORDER BY position LIMIT ?", params));
    }

    /** The sequencer's last position: where this pod's ring starts. */
    long sequenced() {
        return inTransaction(c -> workerPosition(c, SEQUENCER));
    }

    /**
     * What a stream opened now starts from, read in one snapshot: the valid cursor range (the sequencer's
     * last position, the pruner's pruned-through position), the events already committed but not yet given
     * a position (they will be positioned after {@code sequenced}, yet happened before the stream opened),
     * and, for an advocate, the members who link them.
     */
    record Opening(long sequenced, long prunedThrough, Set<String> committedUnsequenced, Set<String> served) {
    }

    Opening opening(String advocateId) {
        return inTransaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // Agroal resets it on return
            long sequenced = workerPosition(c, SEQUENCER);
            long prunedThrough = workerPosition(c, PRUNER);
            Set<String> unsequenced = strings(c, "SELECT id FROM event_outbox WHERE position IS NULL", null);
            Set<String> served = advocateId == null ? new HashSet<>()
                    : strings(c, "SELECT member_id FROM advocate_links WHERE advocate_id = ?", advocateId);
            return new Opening(sequenced, prunedThrough, unsequenced, served);
        });
    }

    private static Set<String> strings(Connection c, String sql, String parameter) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** Events not yet confirmed by the broker, and the oldest one's occurredAt (null when none). */
    record Pending(long count, Instant oldest) {
    }

    Pending pending() {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*), min(occurred_at) FROM event_outbox WHERE published_at IS NULL");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp oldest = rs.getTimestamp(2);
                return new Pending(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            }
        });
    }

    /**
     * Deletes one batch of the oldest events, as long as they are published (or nobody publishes) and
     * older than {@code cutoff}: always a prefix of the stream, so that one pruned-through position tells
     * which cursors can no longer resume. @return how many were deleted
     */
    int pruneBatch(Instant cutoff, boolean requirePublished, int limit) {
        return inTransaction(c -> {
            long prunedThrough = lockWorker(c, PRUNER, true);
            if (prunedThrough < 0) {
                return 0; // another pod is pruning
            }
            List<Long> positions = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT position, occurred_at, published_at FROM event_outbox "
                    + "WHERE position IS NOT NULL ORDER BY position LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        boolean old = rs.getTimestamp(2).toInstant().isBefore(cutoff);
                        boolean published = rs.getTimestamp(3) != null;
                        if (!old || (requirePublished && !published)) {
                            break;
                        }
                        positions.add(rs.getLong(1));
                    }
                }
            }
            if (positions.isEmpty()) {
                return 0;
            }
            long last = positions.get(positions.size() - 1);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM event_outbox WHERE position >= ? AND position <= ?")) {
                s.setLong(1, positions.get(0));
                s.setLong(2, last);
                s.executeUpdate();
            }
            setWorkerPosition(c, PRUNER, last);
            return positions.size();
        });
    }

    /**
     * Locks a worker row and @return its position; with {@code skipLocked}, -1 when another pod holds it.
     */
    static long lockWorker(Connection c, String name, boolean skipLocked) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT position FROM event_workers WHERE name = ? FOR UPDATE"
                + (skipLocked ? " SKIP LOCKED" : ""))) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static long workerPosition(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT position FROM event_workers WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void setWorkerPosition(Connection c, String name, long position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event_workers SET position = ? WHERE name = ?")) {
            s.setLong(1, position);
            s.setString(2, name);
            s.executeUpdate();
        }
    }

    List<StreamEvent> read(Connection c, String sql, List<?> params) throws SQLException {
        List<StreamEvent> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(toEvent(rs));
                }
            }
        }
        return events;
    }

    private StreamEvent toEvent(ResultSet rs) throws SQLException {
        String payload = rs.getString(6);
        Set<String> advocateIds = new HashSet<>();
        try {
            for (JsonNode id : json.readTree(payload).path("advocateIds")) {
                advocateIds.add(id.asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StreamEvent(rs.getLong(1), rs.getString(2), EventType.ofWireName(rs.getString(3)),
                rs.getString(4), rs.getString(5), advocateIds, payload);
    }

    /** The database could not be reached or refused: the workers retry on their next run. */
    static class OutboxUnavailable extends RuntimeException {
        OutboxUnavailable(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
