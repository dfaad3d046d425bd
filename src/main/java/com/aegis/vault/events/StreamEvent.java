package com.aegis.vault.events;

import java.util.Set;

/** An outbox event with its stream position, as the streams and the relay read it. */
record StreamEvent(long position, String id, EventType type, String memberId, String advocateId,
                   Set<String> advocateIds, String payload) {
}
