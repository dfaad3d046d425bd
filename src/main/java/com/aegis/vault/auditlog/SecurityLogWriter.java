package com.aegis.vault.auditlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Appends entries to a member's hash chain. The member's chain head row is locked in the
 * database for the rest of the caller's transaction, so writers on every pod serialise per
 * member and {@code seq} has no gaps; the entry commits or rolls back with the caller's work.
 */
@ApplicationScoped
public class SecurityLogWriter {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public SecurityLogEntry append(String memberId, LogType type, Instant occurredAt, Integer riskScore,
                                   ObjectNode details) {
        MemberChain head = lockChainHead(memberId);
        SecurityLogEntry entry = head.append(type, occurredAt, Instant.now(), riskScore, details);
        em.persist(entry);
        return entry; // the managed head is written with the caller's transaction
    }

    private MemberChain lockChainHead(String memberId) {
        MemberChain head = em.find(MemberChain.class, memberId, LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        // First entry of this member: create the head if no concurrent writer did, then lock it.
        em.createNativeQuery("INSERT INTO member_chains (member_id, last_seq, last_hash) VALUES (?1, 0, ?2) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, memberId)
                .setParameter(2, ChainHash.GENESIS)
                .executeUpdate();
        return em.find(MemberChain.class, memberId, LockModeType.PESSIMISTIC_WRITE);
    }
}
