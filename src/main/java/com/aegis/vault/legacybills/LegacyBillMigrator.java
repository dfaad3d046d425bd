package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalStatus;
import com.aegis.vault.auditlog.CanonicalJson;
import com.aegis.vault.auditlog.ChainHash;
import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Streams the legacy bills not yet linked to an approval and writes, per bill, its approval, its
 * BILL_MIGRATED audit entry and the link, in JDBC batches.
 *
 * <p>Memory stays flat whatever the table size: one forward-only cursor read {@value #BATCH} rows at
 * a time (on PostgreSQL a server-side portal, since Flyway's transaction keeps auto-commit off), and
 * writes flushed every {@value #BATCH} rows. Bills are read in (member, id) order, so each member's
 * chain head is locked and read once, extended in memory, and written back once when the member's
 * bills are done — the chain continues after any entries the member already has.
 *
 * <p>Idempotent: only rows whose {@code approval_id} is still null are read, so a second run finds
 * nothing and changes nothing.
 */
public final class LegacyBillMigrator {

    static final int BATCH = 1000;
    static final String LEGACY_SYSTEM = "legacy-system";

    private static final Logger LOG = Logger.getLogger(LegacyBillMigrator.class);

    /** What a run did: bills found unlinked, bills migrated, and how many had a status the old system was not known to use. */
    public record Result(long total, long migrated, long unknownStatus) {
    }

    private final Connection connection;
    private final Instant now;
    private final Duration approvalExpiry;

    LegacyBillMigrator(Connection connection, Instant now, Duration approvalExpiry) {
        this.connection = connection;
        this.now = now;
        this.approvalExpiry = approvalExpiry;
    }

    Result run() throws SQLException {
        long total = countUnlinked();
        LOG.infof("Legacy bills: %d to migrate into pending_approvals", total);
        if (total == 0) {
            return new Result(0, 0, 0);
        }
        long reportEvery = Math.max(10_000, total / 20);
        long done = 0;
        long unknown = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, member_id, payee, amount, currency, due_date, status, description, created_at "
                        + "FROM pending_bills WHERE approval_id IS NULL ORDER BY member_id, id",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             Writes writes = new Writes(connection)) {
            select.setFetchSize(BATCH);
            ChainHead head = null;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String memberId = rs.getString("member_id");
                    if (head == null || !head.memberId.equals(memberId)) {
                        if (head != null) {
                            head.save(connection);
                        }
                        head = ChainHead.lock(connection, memberId);
                    }
                    String legacyStatus = rs.getString("status");
                    if (!LegacyBillStatus.isKnown(legacyStatus)) {
                        unknown++;
                    }
                    migrate(rs, legacyStatus, head, writes);
                    done++;
                    if (writes.size() >= BATCH) {
                        writes.flush();
                    }
                    if (done % reportEvery == 0) {
                        LOG.infof("Legacy bills: %d / %d migrated (%d%%)", done, total, done * 100 / total);
                    }
                }
            }
            if (head != null) {
                head.save(connection);
            }
            writes.flush();
        }
        if (unknown > 0) {
            LOG.warnf("Legacy bills: %d bill(s) had a status the old system is not known to use; they are PENDING "
                    + "for a Trusted Advocate to review (the original status is kept in their BILL_MIGRATED entry)", unknown);
        }
        if (done % reportEvery != 0) {
            LOG.infof("Legacy bills: %d / %d migrated (100%%)", done, total);
        }
        return new Result(total, done, unknown);
    }

    private void migrate(ResultSet rs, String legacyStatus, ChainHead head, Writes writes) throws SQLException {
        long billId = rs.getLong("id");
        BigDecimal amount = rs.getBigDecimal("amount");
        String currency = rs.getString("currency");
        String payee = rs.getString("payee");
        LocalDate dueDate = rs.getObject("due_date", LocalDate.class);
        Instant createdAt = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        ApprovalStatus status = LegacyBillStatus.toApprovalStatus(legacyStatus);
        UUID approvalId = UUID.randomUUID();

        PreparedStatement approval = writes.approval;
        approval.setObject(1, approvalId);
        approval.setString(2, head.memberId);
        approval.setString(3, status.name());
        approval.setBigDecimal(4, amount);
        approval.setString(5, currency);
        approval.setString(6, payee);
        approval.setString(7, rs.getString("description"));
        approval.setObject(8, dueDate);
        approval.setObject(9, utc(createdAt));
        boolean open = status == ApprovalStatus.PENDING;
        // An open bill gets the full review window from now; its legacy age must not expire it on arrival.
        approval.setObject(10, utc(open ? now.plus(approvalExpiry) : createdAt.plus(approvalExpiry)));
        approval.setObject(11, open ? null : utc(now));
        approval.setString(12, open ? null : LEGACY_SYSTEM);
        approval.setString(13, open ? null : "Settled in the legacy bill system (status: " + legacyStatus + ")");
        approval.addBatch();

        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("approvalId", approvalId.toString())
                .put("legacyBillId", billId)
                .put("payee", payee)
                .put("amount", amount.toPlainString())
                .put("currency", currency)
                .put("legacyStatus", legacyStatus)
                .put("status", status.name())
                .put("legacyCreatedAt", createdAt.toString());
        if (dueDate != null) {
            details.put("dueDate", dueDate.toString());
        }
        SecurityLogEntry entry = head.append(details, now);
        PreparedStatement log = writes.securityLog;
        log.setObject(1, entry.id);
        log.setString(2, entry.memberId);
        log.setLong(3, entry.seq);
        log.setString(4, entry.type.name());
        log.setObject(5, utc(entry.occurredAt));
        log.setObject(6, utc(entry.recordedAt));
        log.setString(7, entry.details);
        log.setString(8, entry.prevHash);
        log.setString(9, entry.hash);
        log.addBatch();

        writes.link.setObject(1, approvalId);
        writes.link.setLong(2, billId);
        writes.link.addBatch();
        writes.added();
    }

    private long countUnlinked() throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM pending_bills WHERE approval_id IS NULL");
             ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A member's chain head, locked for the migration's transaction and extended in memory. */
    private static final class ChainHead {
        final String memberId;
        final boolean existed;
        long lastSeq;
        String lastHash;

        private ChainHead(String memberId, boolean existed, long lastSeq, String lastHash) {
            this.memberId = memberId;
            this.existed = existed;
            this.lastSeq = lastSeq;
            this.lastHash = lastHash;
        }

        static ChainHead lock(Connection connection, String memberId) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_seq, last_hash FROM member_chains WHERE member_id = ? FOR UPDATE")) {
                select.setString(1, memberId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? new ChainHead(memberId, true, rs.getLong(1), rs.getString(2))
                            : new ChainHead(memberId, false, 0, ChainHash.GENESIS);
                }
            }
        }

        /** The next entry, hashed exactly as SecurityLogWriter hashes the entries the API writes. */
        SecurityLogEntry append(ObjectNode details, Instant at) {
            SecurityLogEntry entry = new SecurityLogEntry();
            entry.id = UUID.randomUUID();
            entry.memberId = memberId;
            entry.seq = lastSeq + 1;
            entry.type = LogType.BILL_MIGRATED;
            entry.occurredAt = at;
            entry.recordedAt = at;
            entry.riskScore = null;
            entry.details = CanonicalJson.write(details);
            entry.prevHash = lastHash;
            entry.hash = ChainHash.of(entry, details);
            lastSeq = entry.seq;
            lastHash = entry.hash;
            return entry;
        }

        void save(Connection connection) throws SQLException {
            String sql = existed
                    ? "UPDATE member_chains SET last_seq = ?, last_hash = ? WHERE member_id = ?"
                    : "INSERT INTO member_chains (last_seq, last_hash, member_id) VALUES (?, ?, ?)";
            try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setLong(1, lastSeq);
                write.setString(2, lastHash);
                write.setString(3, memberId);
                write.executeUpdate();
            }
        }
    }

    /** The three batched statements; flushed in foreign-key order (approval before the bill links to it). */
    private static final class Writes implements AutoCloseable {
        final PreparedStatement approval;
        final PreparedStatement securityLog;
        final PreparedStatement link;
        private int size;

        Writes(Connection connection) throws SQLException {
            approval = connection.prepareStatement("INSERT INTO pending_approvals (id, member_id, kind, status, amount, "
                    + "currency, payee, description, due_date, created_at, expires_at, resolved_at, resolved_by, "
                    + "resolution_note) VALUES (?, ?, 'BILL', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            securityLog = connection.prepareStatement("INSERT INTO security_logs (id, member_id, seq, type, occurred_at, "
                    + "recorded_at, risk_score, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)");
            link = connection.prepareStatement("UPDATE pending_bills SET approval_id = ? WHERE id = ?");
        }

        void added() {
            size++;
        }

        int size() {
            return size;
        }

        void flush() throws SQLException {
            if (size == 0) {
                return;
            }
            approval.executeBatch();
            securityLog.executeBatch();
            link.executeBatch();
            size = 0;
        }

        @Override
        public void close() throws SQLException {
            try (approval; securityLog; link) {
                // closes all three
            }
        }
    }
}
