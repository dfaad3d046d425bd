package com.aegis.vault.approval;

import com.aegis.vault.pagination.Cursor;
import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reads of approvals, in the caller's transaction or in one of their own (never outside one: a read outside a
 * transaction would keep a pooled connection for the rest of the request).
 */
@ApplicationScoped
public class ApprovalQueries {

    static final String LIST = "approvals";

    @Transactional
    public Approval find(UUID id) {
        return Approval.findById(id);
    }

    /** PENDING approvals of the scope whose expiresAt is not after {@code now}, soonest overdue first. */
    @Transactional
    public List<UUID> overdueIds(ApprovalScope scope, Instant now) {
        TypedQuery<UUID> query = Approval.getEntityManager()
                .createQuery("select a.id from Approval a where " + scope.condition()
                        + " and a.status = :pending and a.expiresAt <= :now order by a.expiresAt", UUID.class)
                .setParameter("pending", ApprovalStatus.PENDING)
                .setParameter("now", now);
        scope.parameters().map().forEach(query::setParameter);
        return query.getResultList();
    }

    /** Oldest first, keyset-paginated on (createdAt, id): new approvals only ever land after the cursor. */
    @Transactional
    public Page<Approval> list(ApprovalScope scope, ApprovalStatus status, PageRequest page) {
        StringBuilder query = new StringBuilder("from Approval a where ").append(scope.condition());
        Parameters params = scope.parametersWith();
        if (status != null) {
            query.append(" and a.status = :status");
            params.and("status", status);
        }
        if (page.cursor() != null) {
            String[] after = Cursor.decode(page.cursor(), LIST, 2);
            query.append(" and (a.createdAt > :afterAt or (a.createdAt = :afterAt and a.id > :afterId))");
            params.and("afterAt", Cursor.instant(after[0])).and("afterId", Cursor.uuid(after[1]));
        }
        query.append(" order by a.createdAt, a.id");
        List<Approval> fetched = Approval.<Approval>find(query.toString(), params)
                .range(0, page.fetchSize() - 1).list();
        return page.page(fetched, last -> Cursor.encode(LIST, last.createdAt.toString(), last.id.toString()));
    }
}
