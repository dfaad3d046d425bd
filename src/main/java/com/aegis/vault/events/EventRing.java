package com.aegis.vault.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events in stream order, positions without gaps (the sequencer assigns them so).
 * Written by the feed's one thread, read by every stream of the pod.
 */
final class EventRing {

    private final StreamEvent[] slots;
    /** Position of the oldest event held, and of the newest ({@code head < first} when empty). */
    private long first = 1;
    private long head;
    private boolean appended;

    EventRing(int capacity) {
        slots = new StreamEvent[Math.max(16, capacity)];
    }

    synchronized void startAfter(long position) {
        head = position;
        first = position + 1;
    }

    synchronized long head() {
        return head;
    }

    synchronized void append(List<StreamEvent> events) {
        for (StreamEvent event : events) {
            if (event.position() != head + 1) {
                // Pruned below us or a restarted sequence: start over from this event.
                first = event.position();
            }
            head = event.position();
            slots[(int) (head % slots.length)] = event;
            if (head - first + 1 > slots.length) {
                first = head - slots.length + 1;
            }
            appended = true;
        }
    }

    /** @return whether anything was appended since the last call */
    synchronized boolean hasAppended() {
        boolean was = appended;
        appended = false;
        return was;
    }

    /** @return the events after {@code position} (at most {@code limit}); null if they are no longer held */
    synchronized List<StreamEvent> after(long position, int limit) {
        if (position >= head) {
            return List.of();
        }
        if (position + 1 < first) {
            return null;
        }
        List<StreamEvent> events = new ArrayList<>();
        for (long p = position + 1; p <= head && events.size() < limit; p++) {
            events.add(slots[(int) (p % slots.length)]);
        }
        return events;
    }
}
