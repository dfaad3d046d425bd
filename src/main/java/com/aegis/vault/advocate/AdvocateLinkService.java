package com.aegis.vault.advocate;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogWriter;
import com.aegis.vault.database.Timestamps;
import com.aegis.vault.events.EventRecorder;
import com.aegis.vault.events.EventType;
import com.aegis.vault.pagination.Cursor;
import com.aegis.vault.pagination.Page;
import com.aegis.vault.pagination.PageRequest;
import com.aegis.vault.problem.ProblemException;
import com.aegis.vault.security.UserIds;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Members name and remove their Trusted Advocates. The link row's primary key decides every race:
 * of two identical links at once only the one whose INSERT wrote the row logs ADVOCATE_LINKED, and of
 * two unlinks only the one whose DELETE removed it logs ADVOCATE_UNLINKED (the other waits on the row).
 */
@ApplicationScoped
public class AdvocateLinkService {

    @Inject
    EntityManager em;

    @Inject
    SecurityLogWriter securityLog;

    @Inject
    EventRecorder events;

    /** The outcome of a link request: the link as stored and whether this request made it. */
    public record Linked(AdvocateLinkView link, boolean created) {
    }

    @Transactional
    public Linked link(String memberId, String advocateId) {
        requireValidAdvocate(memberId, advocateId);
        Instant now = Timestamps.now();
        int inserted = em.createNativeQuery("INSERT INTO advocate_links (member_id, advocate_id, linked_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, memberId)
                .setParameter(2, advocateId)
                .setParameter(3, now)
                .executeUpdate();
        AdvocateLink link = em.find(AdvocateLink.class, new AdvocateLink.Key(memberId, advocateId));
        if (inserted == 1) {
            securityLog.append(memberId, LogType.ADVOCATE_LINKED, link.linkedAt, null, details(advocateId));
            events.link(EventType.ADVOCATE_LINKED, memberId, advocateId, link.linkedAt);
        }
        return new Linked(AdvocateLinkView.of(link), inserted == 1);
    }

    /** @return whether a link was removed (then ADVOCATE_UNLINKED was logged) */
    @Transactional
    public boolean unlink(String memberId, String advocateId) {
        requireValidAdvocateId(advocateId);
        int deleted = em.createNativeQuery("DELETE FROM advocate_links WHERE member_id = ?1 AND advocate_id = ?2")
                .setParameter(1, memberId)
                .setParameter(2, advocateId)
                .executeUpdate();
        if (deleted == 1) {
            Instant now = Instant.now();
            securityLog.append(memberId, LogType.ADVOCATE_UNLINKED, now, null, details(advocateId));
            events.link(EventType.ADVOCATE_UNLINKED, memberId, advocateId, now);
        }
        return deleted == 1;
    }

    /** The advocates a member has linked, oldest link first. */
    @Transactional
    public Page<AdvocateLinkView> advocatesOf(String memberId, PageRequest page) {
        return page("advocates", "key.memberId", memberId, "key.advocateId", page);
    }

    /** The members who have linked this advocate, oldest link first. */
    @Transactional
    public Page<AdvocateLinkView> membersServedBy(String advocateId, PageRequest page) {
        return page("served-members", "key.advocateId", advocateId, "key.memberId", page);
    }

    /** Keyset pagination on (linkedAt, the other party's id): stable while links come and go. */
    private Page<AdvocateLinkView> page(String list, String ownerField, String owner, String otherField,
                                        PageRequest page) {
        StringBuilder query = new StringBuilder(ownerField).append(" = :owner");
        Parameters params = Parameters.with("owner", owner);
        if (page.cursor() != null) {
            String[] after = Cursor.decode(page.cursor(), list, 2);
            query.append(" and (linkedAt > :afterAt or (linkedAt = :afterAt and ")
                    .append(otherField).append(" > :afterId))");
            params.and("afterAt", Cursor.instant(after[0])).and("afterId", after[1]);
        }
        query.append(" order by linkedAt, ").append(otherField);
        List<AdvocateLinkView> fetched = AdvocateLink.<AdvocateLink>find(query.toString(), params)
                .range(0, page.fetchSize() - 1).stream().map(AdvocateLinkView::of).toList();
        boolean byAdvocate = "key.advocateId".equals(otherField);
        return page.page(fetched, last -> Cursor.encode(list, last.linkedAt().toString(),
                byAdvocate ? last.advocateId() : last.memberId()));
    }

    private static void requireValidAdvocate(String memberId, String advocateId) {
        requireValidAdvocateId(advocateId);
        if (advocateId.equals(memberId)) {
            throw ProblemException.invalidField("advocateId", "must not be yourself: a member cannot be their own Trusted Advocate");
        }
    }

    private static void requireValidAdvocateId(String advocateId) {
        UserIds.requireValid("advocateId", advocateId);
    }

    private static ObjectNode details(String advocateId) {
        return JsonNodeFactory.instance.objectNode().put("advocateId", advocateId);
    }
}
