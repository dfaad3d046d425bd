package com.aegis.vault.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes events into the outbox inside the caller's transaction (the transactional outbox): an event
 * exists if and only if the change it reports committed. Callers record after appending to the member's
 * audit trail, i.e. while holding the member's chain lock, so a member's events are inserted in the order
 * they commit and the advocates named are those linked at that moment.
 */
@ApplicationScoped
public class EventRecorder {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Event<EventFeed.Recorded> recorded;

    /**
     * approval.requested, approval.resolved or approval.expired. {@code approval} is the approval as GET shows
     * it now (serialised as the API serialises it); taken as a plain object so that this package, which every
     * feature reports to, depends on none of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approval(EventType type, String memberId, Object approval, Instant occurredAt) {
        ObjectNode event = envelope(type, memberId, occurredAt, linkedAdvocates(memberId));
        event.set("approval", json.valueToTree(approval));
        insert(event, type, memberId, null, occurredAt);
    }

    /** advocate.linked or advocate.unlinked; an unlinked advocate is told too (they must drop the member). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void link(EventType type, String memberId, String advocateId, Instant occurredAt) {
        TreeSet<String> advocates = linkedAdvocates(memberId);
        advocates.add(advocateId);
        ObjectNode event = envelope(type, memberId, occurredAt, advocates);
        event.put("advocateId", advocateId);
        insert(event, type, memberId, advocateId, occurredAt);
    }

    private ObjectNode envelope(EventType type, String memberId, Instant occurredAt, TreeSet<String> advocates) {
        ObjectNode event = json.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type.wireName())
                .put("occurredAt", occurredAt.toString())
                .put("memberId", memberId);
        advocates.forEach(event.putArray("advocateIds")::add);
        return event;
    }

    private TreeSet<String> linkedAdvocates(String memberId) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT advocate_id FROM advocate_links WHERE member_id = ?1")
                .setParameter(1, memberId)
                .getResultList();
        return new TreeSet<>(ids);
    }

    private void insert(ObjectNode event, EventType type, String memberId, String advocateId, Instant occurredAt) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
        em.createNativeQuery("INSERT INTO event_outbox (id, insert_seq, type, member_id, advocate_id, occurred_at, payload) "
                        + "VALUES (?1, nextval('event_outbox_insert_seq'), ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, UUID.fromString(event.get("id").asText()))
                .setParameter(2, type.wireName())
                .setParameter(3, memberId)
                .setParameter(4, advocateId)
                .setParameter(5, occurredAt)
                .setParameter(6, payload)
                .executeUpdate();
        recorded.fire(new EventFeed.Recorded()); // observed after the commit only: stream it at once
    }
}
