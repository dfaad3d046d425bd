package com.aegis.vault.auditlog;

import com.aegis.vault.pagination.Cursor;
import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a member's audit trail newest first, i.e. by descending {@code seq} (the order the server
 * recorded the entries, which is the chain's order; {@code occurredAt} is the phone's claim and may be
 * back-dated). Keyset pagination on {@code seq}: entries written while a client pages get higher
 * seqs than anything already shown, so later pages never repeat or skip an entry.
 */
@ApplicationScoped
public class SecurityLogQuery {

    @Inject
    EntityManager em;

    public Page<SecurityLogEntry> list(String memberId, LogType type, Instant from, Instant to, PageRequest page) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        StringBuilder jpql = new StringBuilder("select e from SecurityLogEntry e where e.memberId = :memberId");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("memberId", memberId);
        if (type != null) {
            jpql.append(" and e.type = :type");
            params.put("type", type);
        }
        if (from != null) {
            jpql.append(" and e.occurredAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            jpql.append(" and e.occurredAt < :to");
            params.put("to", to);
        }
        if (page.cursor() != null) {
            jpql.append(" and e.seq < :before");
            params.put("before", Cursor.number(Cursor.decode(page.cursor(), listId(memberId), 1)[0]));
        }
        jpql.append(" order by e.seq desc");
        TypedQuery<SecurityLogEntry> query = em.createQuery(jpql.toString(), SecurityLogEntry.class);
        params.forEach(query::setParameter);
        return page.page(query.setMaxResults(page.fetchSize()).getResultList(),
                last -> Cursor.encode(listId(memberId), Long.toString(last.seq)));
    }

    /** A cursor belongs to one member's log: replaying it against another member's is a 400. */
    private static String listId(String memberId) {
        return "security-logs/" + memberId;
    }
}
