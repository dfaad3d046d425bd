package com.aegis.vault.auditlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Walks a member's hash chain from seq 1 to the head recorded in {@code member_chains}, in batches
 * (keyset on seq, the persistence context cleared after each), so a chain of any length is checked in
 * constant memory. An entry is invalid when its seq is not the next one (a gap), its prevHash is not
 * the previous entry's hash, or its hash is not the hash of its own content; entries missing after the
 * last one (the head says there are more) or a head that does not match the last entry are invalid too.
 */
@ApplicationScoped
public class ChainVerifier {

    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Transactional
    public ChainVerification verify(String memberId) {
        MemberChain head = em.find(MemberChain.class, memberId);
        long headSeq = head == null ? 0 : head.lastSeq;
        String prevHash = ChainHash.GENESIS;
        long lastSeq = 0;
        long entries = 0;
        Long firstInvalid = null;
        while (true) {
            List<SecurityLogEntry> batch = em.createQuery("select e from SecurityLogEntry e where e.memberId = :m "
                            + "and e.seq > :after and e.seq <= :head order by e.seq", SecurityLogEntry.class)
                    .setParameter("m", memberId)
                    .setParameter("after", lastSeq)
                    .setParameter("head", headSeq)
                    .setMaxResults(BATCH)
                    .getResultList();
            for (SecurityLogEntry entry : batch) {
                entries++;
                if (firstInvalid == null) {
                    if (entry.seq != lastSeq + 1) {
                        firstInvalid = lastSeq + 1;
                    } else if (!entry.prevHash.equals(prevHash) || !ChainHash.of(entry, parse(entry)).equals(entry.hash)) {
                        firstInvalid = entry.seq;
                    }
                }
                prevHash = entry.hash;
                lastSeq = entry.seq;
            }
            em.clear();
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (firstInvalid == null && lastSeq != headSeq) {
            firstInvalid = lastSeq + 1; // the head counts entries that are not there
        } else if (firstInvalid == null && head != null && !head.lastHash.equals(prevHash)) {
            firstInvalid = headSeq;
        }
        return new ChainVerification(memberId, entries, firstInvalid == null, firstInvalid);
    }

    private JsonNode parse(SecurityLogEntry entry) {
        try {
            return mapper.readTree(entry.details);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(entry.details); // unreadable details cannot hash right
        }
    }
}
