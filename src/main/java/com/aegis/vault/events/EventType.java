package com.aegis.vault.events;

/** What an event reports; {@link #wireName()} is its SSE {@code event:} name and its RabbitMQ routing key. */
public enum EventType {
    APPROVAL_REQUESTED("approval.requested"),
    APPROVAL_RESOLVED("approval.resolved"),
    APPROVAL_EXPIRED("approval.expired"),
    ADVOCATE_LINKED("advocate.linked"),
    ADVOCATE_UNLINKED("advocate.unlinked");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    boolean isLink() {
        return this == ADVOCATE_LINKED || this == ADVOCATE_UNLINKED;
    }

    static EventType ofWireName(String name) {
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type " + name);
    }
}
