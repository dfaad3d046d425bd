package com.aegis.vault.migration;

import com.aegis.vault.hashing.CanonicalJson;
import com.aegis.vault.auditlog.ChainHash;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes and checks members' hash chains over plain JDBC, the way an auditor without this code would. */
final class AuditChains {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChains() {
    }

    /** Appends an entry as the API would have written it before the migration. */
    static void append(Connection connection, String memberId, LogType type, ObjectNode details) throws SQLException {
        long seq = 0;
        String prev = ChainHash.GENESIS;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM member_chains WHERE member_id = ?")) {
            head.setString(1, memberId);
            try (ResultSet rs = head.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    prev = rs.getString(2);
                }
            }
        }
        SecurityLogEntry entry = new SecurityLogEntry();
        entry.id = UUID.randomUUID();
        entry.memberId = memberId;
        entry.seq = seq + 1;
        entry.type = type;
        entry.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.recordedAt = entry.occurredAt;
        entry.riskScore = 42;
        entry.details = CanonicalJson.write(details);
        entry.prevHash = prev;
        entry.hash = ChainHash.of(entry, details);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO security_logs (id, member_id, seq, type, "
                + "occurred_at, recorded_at, risk_score, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, entry.id);
            insert.setString(2, memberId);
            insert.setLong(3, entry.seq);
            insert.setString(4, type.name());
            insert.setObject(5, entry.occurredAt.atOffset(ZoneOffset.UTC));
            insert.setObject(6, entry.recordedAt.atOffset(ZoneOffset.UTC));
            insert.setInt(7, entry.riskScore);
            insert.setString(8, entry.details);
            insert.setString(9, entry.prevHash);
            insert.setString(10, entry.hash);
            insert.executeUpdate();
        }
        String upsert = seq == 0 ? "INSERT INTO member_chains (last_seq, last_hash, member_id) VALUES (?, ?, ?)"
                : "UPDATE member_chains SET last_seq = ?, last_hash = ? WHERE member_id = ?";
        try (PreparedStatement head = connection.prepareStatement(upsert)) {
            head.setLong(1, entry.seq);
            head.setString(2, entry.hash);
            head.setString(3, memberId);
            head.executeUpdate();
        }
    }

    /** A member's entries in chain order, as stored. */
    static List<SecurityLogEntry> entries(Connection connection, String memberId) throws SQLException {
        List<SecurityLogEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, seq, type, occurred_at, recorded_at, "
                + "risk_score, details, prev_hash, hash FROM security_logs WHERE member_id = ? ORDER BY seq")) {
            select.setString(1, memberId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    SecurityLogEntry e = new SecurityLogEntry();
                    e.id = rs.getObject(1, UUID.class);
                    e.memberId = memberId;
                    e.seq = rs.getLong(2);
                    e.type = LogType.valueOf(rs.getString(3));
                    e.occurredAt = rs.getObject(4, OffsetDateTime.class).toInstant();
                    e.recordedAt = rs.getObject(5, OffsetDateTime.class).toInstant();
                    int risk = rs.getInt(6);
                    e.riskScore = rs.wasNull() ? null : risk;
                    e.details = rs.getString(7);
                    e.prevHash = rs.getString(8);
                    e.hash = rs.getString(9);
                    entries.add(e);
                }
            }
        }
        return entries;
    }

    /** The first seq whose hash, link or numbering is wrong, or null when the chain (and its head row) is intact. */
    static Long firstInvalidSeq(Connection connection, String memberId) throws Exception {
        String prev = ChainHash.GENESIS;
        long expectedSeq = 1;
        List<SecurityLogEntry> entries = entries(connection, memberId);
        for (SecurityLogEntry e : entries) {
            if (e.seq != expectedSeq || !e.prevHash.equals(prev)
                    || !e.hash.equals(ChainHash.of(e, JSON.readTree(e.details)))) {
                return e.seq;
            }
            prev = e.hash;
            expectedSeq++;
        }
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM member_chains WHERE member_id = ?")) {
            head.setString(1, memberId);
            try (ResultSet rs = head.executeQuery()) {
                boolean hasHead = rs.next();
                if (entries.isEmpty() ? hasHead : !hasHead || rs.getLong(1) != entries.size() || !rs.getString(2).equals(prev)) {
                    return (long) entries.size();
                }
            }
        }
        return null;
    }
}
