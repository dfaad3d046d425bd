package com.aegis.vault.auditlog;

import com.aegis.vault.database.Timestamps;
import com.aegis.vault.hashing.CanonicalJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The head of one member's hash chain; appending locks this row. {@link #append} is the chain rule, written
 * once for every writer ({@link JdbcChainHead}: the API's {@link SecurityLogWriter} and the legacy bill
 * migration); the entity itself is read by {@link ChainVerifier}.
 */
@Entity
@Table(name = "member_chains")
public class MemberChain extends PanacheEntityBase {

    @Id
    @Column(name = "member_id", length = 64)
    public String memberId;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    public String lastHash;

    /** The head of a chain that has no entry yet. */
    public static MemberChain empty(String memberId) {
        MemberChain head = new MemberChain();
        head.memberId = memberId;
        head.lastSeq = 0;
        head.lastHash = ChainHash.GENESIS;
        return head;
    }

    /**
     * The next entry of this chain, which becomes its head: {@code seq} one more than the head's,
     * {@code prevHash} the head's hash, {@code hash} over the entry's content ({@link ChainHash}). The caller
     * stores the entry and the moved head in one transaction, holding the head's row lock.
     */
    public SecurityLogEntry append(LogType type, Instant occurredAt, Instant recordedAt, Integer riskScore,
                                   ObjectNode details) {
        SecurityLogEntry entry = new SecurityLogEntry();
        entry.id = UUID.randomUUID();
        entry.memberId = memberId;
        entry.seq = lastSeq + 1;
        entry.type = type;
        // The database keeps microseconds; the hash must cover exactly what is stored.
        entry.occurredAt = Timestamps.stored(occurredAt);
        entry.recordedAt = Timestamps.stored(recordedAt);
        entry.riskScore = riskScore;
        entry.details = CanonicalJson.write(details);
        entry.prevHash = lastHash;
        entry.hash = ChainHash.of(entry, details);
        lastSeq = entry.seq;
        lastHash = entry.hash;
        return entry;
    }
}
