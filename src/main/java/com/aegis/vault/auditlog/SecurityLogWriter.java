package com.aegis.vault.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Appends entries to a member's hash chain. The member's chain head row is locked in the
 * database for the rest of the caller's transaction, so writers on every pod serialise per
 * member and {@code seq} has no gaps; the entry commits or rolls back with the caller's work.
 * Plain JDBC on the transaction's own connection (the pool hands the same one to JPA): every write
 * request appends, and the three statements are all it needs — no persistence context to flush.
 */
@ApplicationScoped
public class SecurityLogWriter {

    @Inject
    AgroalDataSource dataSource;

    @Transactional(Transactional.TxType.MANDATORY)
    public SecurityLogEntry append(String memberId, LogType type, Instant occurredAt, Integer riskScore,
                                   ObjectNode details) {
        try (Connection connection = dataSource.getConnection()) {
            JdbcChainHead head = JdbcChainHead.lockOrCreate(connection, memberId);
            SecurityLogEntry entry = head.append(type, occurredAt, Instant.now(), riskScore, details);
            JdbcChainHead.insert(connection, entry);
            head.save(connection);
            return entry;
        } catch (SQLException e) {
            throw new PersistenceException("appending to the audit trail of " + memberId + " failed", e);
        }
    }
}
