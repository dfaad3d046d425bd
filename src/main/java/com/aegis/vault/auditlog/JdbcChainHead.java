package com.aegis.vault.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A member's chain head as every writer holds it, in plain JDBC on the caller's transaction (the API's
 * {@link SecurityLogWriter}, the legacy bill migration inside Flyway's): locked with {@code SELECT ... FOR
 * UPDATE}, extended in memory by {@link MemberChain#append}, written back once by {@link #save}. The caller
 * stores the entries it gets ({@link #insert}), in the same transaction.
 */
public final class JdbcChainHead {

    private final MemberChain head;
    private final boolean stored;

    private JdbcChainHead(MemberChain head, boolean stored) {
        this.head = head;
        this.stored = stored;
    }

    public static JdbcChainHead lock(Connection connection, String memberId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM member_chains WHERE member_id = ? FOR UPDATE")) {
            select.setString(1, memberId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new JdbcChainHead(MemberChain.empty(memberId), false);
                }
                MemberChain head = MemberChain.empty(memberId);
                head.lastSeq = rs.getLong(1);
                head.lastHash = rs.getString(2);
                return new JdbcChainHead(head, true);
            }
        }
    }

    /**
     * Locks the head for one of several concurrent writers (any pod): a member's first writer creates it
     * unless another did, then locks it like the others. Statements in the common case: one.
     */
    public static JdbcChainHead lockOrCreate(Connection connection, String memberId) throws SQLException {
        JdbcChainHead head = lock(connection, memberId);
        if (head.stored) {
            return head;
        }
        try (PreparedStatement create = connection.prepareStatement("INSERT INTO member_chains (member_id, last_seq, "
                + "last_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")) {
            create.setString(1, memberId);
            create.setString(2, ChainHash.GENESIS);
            create.executeUpdate();
        }
        return lock(connection, memberId);
    }

    public String memberId() {
        return head.memberId;
    }

    /** The next entry, recorded at {@code at}, without a risk score. */
    public SecurityLogEntry append(LogType type, Instant at, ObjectNode details) {
        return append(type, at, at, null, details);
    }

    /** The next entry ({@link MemberChain#append}). */
    public SecurityLogEntry append(LogType type, Instant occurredAt, Instant recordedAt, Integer riskScore,
                                   ObjectNode details) {
        return head.append(type, occurredAt, recordedAt, riskScore, details);
    }

    /** The statement {@link #bindInsert} fills: one entry of {@code security_logs}. */
    public static final String INSERT = "INSERT INTO security_logs (id, member_id, seq, type, occurred_at, "
            + "recorded_at, risk_score, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public static void bindInsert(PreparedStatement insert, SecurityLogEntry entry) throws SQLException {
        insert.setObject(1, entry.id);
        insert.setString(2, entry.memberId);
        insert.setLong(3, entry.seq);
        insert.setString(4, entry.type.name());
        insert.setObject(5, entry.occurredAt.atOffset(ZoneOffset.UTC));
        insert.setObject(6, entry.recordedAt.atOffset(ZoneOffset.UTC));
        insert.setObject(7, entry.riskScore, Types.INTEGER);
        insert.setString(8, entry.details);
        insert.setString(9, entry.prevHash);
        insert.setString(10, entry.hash);
    }

    /** Stores one entry at once. */
    public static void insert(Connection connection, SecurityLogEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bindInsert(insert, entry);
            insert.executeUpdate();
        }
    }

    /** Writes the head as the appended entries left it. */
    public void save(Connection connection) throws SQLException {
        String sql = stored
                ? "UPDATE member_chains SET last_seq = ?, last_hash = ? WHERE member_id = ?"
                : "INSERT INTO member_chains (last_seq, last_hash, member_id) VALUES (?, ?, ?)";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setLong(1, head.lastSeq);
            write.setString(2, head.lastHash);
            write.setString(3, head.memberId);
            write.executeUpdate();
        }
    }
}
