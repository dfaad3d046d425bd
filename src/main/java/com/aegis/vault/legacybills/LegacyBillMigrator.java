package com.aegis.vault.legacybills;

import com.aegis.vault.approval.ApprovalStatus;
import com.aegis.vault.auditlog.JdbcChainHead;
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
 * chain head is locked and read once, extended in memory by the audit trail's own chain rule
 * ({@link JdbcChainHead}), and written back once when the member's bills are done — the chain continues
 * after any entries the member already has.
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
            JdbcChainHead head = null;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String memberId = rs.getString("member_id");
                    if (head == null || !head.memberId().equals(memberId)) {
                        if (head != null) {
                            head.save(connection);
                        }
                        head = JdbcChainHead.lock(connection, memberId);
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

    private void migrate(ResultSet rs, String legacyStatus, JdbcChainHead head, Writes writes) throws SQLException {
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
        approval.setString(2, head.memberId());
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
        SecurityLogEntry entry = head.append(LogType.BILL_MIGRATED, now, details);
        PreparedStatement log = writes.securityLog;
        JdbcChainHead.bindInsert(log, entry);
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
            securityLog = connection.prepareStatement(JdbcChainHead.INSERT);
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
