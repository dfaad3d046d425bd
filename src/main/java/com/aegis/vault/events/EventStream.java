package com.aegis.vault.events;

import com.aegis.vault.pagination.Cursor;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open {@code GET /api/v1/events}: a cursor into the stream, no thread of its own. Whoever has news
 * (the feed after reading new events, the client asking for more, the keep-alive timer, a finished
 * catch-up read) calls {@link #drain()}; one caller at a time emits, as far as the client has asked.
 * The stream reads the pod's in-memory ring, or the database when it is further behind than the ring.
 * An advocate's served members follow the link events in stream order: an unlink stops that member's
 * events right after the {@code advocate.unlinked} event itself.
 */
final class EventStream {

    static final String CURSOR_LIST = "events";
    private static final Logger LOG = Logger.getLogger(EventStream.class);
    private static final int PAGE = 500;

    private final Viewer viewer;
    private final Set<String> served;
    private final Set<String> committedBeforeOpening;
    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final EventFeed feed;
    private final Outbox outbox;
    private final Executor reader;
    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayDeque<StreamEvent> backlog = new ArrayDeque<>();

    private long position;
    private long backlogUpTo;
    private OutboundSseEvent first;
    private volatile boolean reading;
    private volatile boolean keepAliveDue;
    private volatile long lastSent = System.nanoTime();

    EventStream(Viewer viewer, Set<String> served, long position, Set<String> committedBeforeOpening, OutboundSseEvent first,
                MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, EventFeed feed, Outbox outbox, Executor reader) {
        this.viewer = viewer;
        this.served = served;
        this.committedBeforeOpening = new HashSet<>(committedBeforeOpening);
        this.position = position;
        this.backlogUpTo = position;
        this.first = first;
        this.emitter = emitter;
        this.sse = sse;
        this.feed = feed;
        this.outbox = outbox;
        this.reader = reader;
    }

    static String cursor(long position) {
        return Cursor.encode(CURSOR_LIST, Long.toString(position));
    }

    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                emitWhatIsAvailable();
            } catch (RuntimeException e) {
                LOG.debugf(e, "event stream of %s failed", viewer.id());
                emitter.fail(e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    void keepAliveIfIdleSince(long nanos) {
        if (lastSent - nanos < 0) {
            keepAliveDue = true;
            drain();
        }
    }

    void close() {
        emitter.complete();
    }

    private void emitWhatIsAvailable() {
        if (emitter.isCancelled()) {
            return;
        }
        if (first != null) {
            if (emitter.requested() <= 0) {
                return;
            }
            send(first);
            first = null;
        }
        while (!reading && emitter.requested() > 0) {
            if (!backlog.isEmpty()) {
                if (!offer(backlog.peek(), true)) {
                    break;
                }
                backlog.poll();
                continue;
            }
            position = Math.max(position, backlogUpTo);
            List<StreamEvent> events = feed.after(position, PAGE);
            if (events == null) {
                readBehind();
                break;
            }
            if (events.isEmpty()) {
                break;
            }
            for (StreamEvent event : events) {
                if (!offer(event, false)) {
                    break;
                }
            }
        }
        if (keepAliveDue && emitter.requested() > 0) {
            keepAliveDue = false;
            send(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /** @return false when the event is for this viewer but the client has not asked for more yet */
    private boolean offer(StreamEvent event, boolean fromBacklog) {
        if (!committedBeforeOpening.isEmpty() && committedBeforeOpening.remove(event.id())) {
            position = event.position(); // positioned after the opening, but served already includes its effect
            return true;
        }
        boolean linkChange = viewer.advocate() && event.type().isLink() && viewer.id().equals(event.advocateId());
        if (visible(event) && emitter.requested() <= 0) {
            return false;
        }
        position = event.position();
        if (linkChange) {
            if (event.type() == EventType.ADVOCATE_LINKED) {
                boolean added = served.add(event.memberId());
                if (added && fromBacklog) {
                    // The backlog was read without this member: read on from here with them.
                    backlog.clear();
                    backlogUpTo = position;
                }
            } else {
                served.remove(event.memberId());
            }
        }
        if (linkChange || visible(event)) {
            send(sse.newEventBuilder().id(cursor(event.position())).name(event.type().wireName())
                    .data(event.payload()).build());
        }
        return true;
    }

    private boolean visible(StreamEvent event) {
        if (viewer.admin() || (viewer.member() && viewer.id().equals(event.memberId()))) {
            return true;
        }
        return viewer.advocate() && ((event.type().isLink() && viewer.id().equals(event.advocateId()))
                || (served.contains(event.memberId()) && event.advocateIds().contains(viewer.id())));
    }

    /** Further behind than the ring reaches: read the next page of what this viewer may see from the database. */
    private void readBehind() {
        reading = true;
        long from = position;
        long upTo = feed.head();
        List<String> members = new ArrayList<>(viewer.advocate() ? served : Set.of());
        if (viewer.member()) {
            members.add(viewer.id());
        }
        reader.execute(() -> {
            try {
                List<StreamEvent> page = outbox.visibleAfter(from, upTo, viewer.admin(), members,
                        viewer.advocate() ? viewer.id() : null, PAGE);
                backlog.addAll(page);
                backlogUpTo = page.size() == PAGE ? page.get(page.size() - 1).position() : upTo;
                reading = false;
                drain();
            } catch (RuntimeException e) {
                LOG.debugf(e, "event stream of %s: catch-up read failed, retrying in a second", viewer.id());
                reading = false;
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, reader).execute(this::drain);
            }
        });
    }

    private void send(OutboundSseEvent event) {
        emitter.emit(event);
        lastSent = System.nanoTime();
    }
}
