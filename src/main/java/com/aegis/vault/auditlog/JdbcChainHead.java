package com.aegis.vault.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A member's chain head for a writer without JPA (the legacy bill migration, inside Flyway's transaction):
 * locked with {@code SELECT ... FOR UPDATE}, extended in memory by {@link MemberChain#append}, written back
 * once by {@link #save}. The caller stores the entries it gets, in the same transaction.
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

    public String memberId() {
        return head.memberId;
    }

    /** The next entry, recorded at {@code at}, without a risk score. */
    public SecurityLogEntry append(LogType type, Instant at, ObjectNode details) {
        return head.append(type, at, at, null, details);
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
