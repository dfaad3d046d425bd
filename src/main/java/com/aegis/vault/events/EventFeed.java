package com.aegis.vault.events;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This pod's view of the event stream. One thread (not one per connection) sequences committed events
 * (see {@link Outbox#sequence}), reads the newly positioned ones — committed through any pod — into a
 * ring buffer, and tells every open stream of this pod to take what it may see. It runs at once when a
 * transaction of this pod commits an event, and every {@code aegis.events.poll-interval} for the others.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    private static final int BATCH = 1000;

    @Inject
    Outbox outbox;

    @Inject
    EventsConfig config;

    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private ScheduledExecutorService worker;
    private EventRing ring;
    private boolean started;
    private volatile boolean failing;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        if (!Workers.enabled()) {
            return; // a command run: no streams to feed
        }
        ring = new EventRing(config.buffer());
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-event-feed");
            thread.setDaemon(true);
            return thread;
        });
        long poll = config.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        // Checked every second, so that no stream stays silent much longer than aegis.events.keep-alive.
        worker.scheduleWithFixedDelay(this::keepAlive, 1, 1, TimeUnit.SECONDS);
    }

    /** Fired by {@link EventRecorder} inside the transaction that records an event. */
    record Recorded() {
    }

    /** A transaction of this pod committed an event: sequence and stream it now (not after a rollback). */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Recorded recorded) {
        if (worker != null && wakeUpPending.compareAndSet(false, true)) {
            worker.execute(this::poll);
        }
    }

    private void poll() {
        wakeUpPending.set(false);
        try {
            outbox.sequence(BATCH);
            if (!started) {
                ring.startAfter(outbox.sequenced());
                started = true;
            }
            List<StreamEvent> events;
            do {
                events = outbox.after(ring.head(), BATCH);
                ring.append(events);
            } while (events.size() == BATCH);
            if (failing) {
                LOG.info("event feed: the database answers again");
                failing = false;
            }
            if (ring.hasAppended()) {
                streams.forEach(EventStream::drain);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("event feed: cannot read the outbox (%s); retrying every %s", e.getMessage(), config.pollInterval());
                failing = true;
            }
        }
    }

    private void keepAlive() {
        long idleSince = System.nanoTime() - config.keepAlive().toNanos();
        streams.forEach(stream -> stream.keepAliveIfIdleSince(idleSince));
    }

    /** The last position this pod has read: a stream opened now continues after it. */
    long head() {
        return ring.head();
    }

    /** The events after {@code position} held in memory, or null when the ring no longer reaches back that far. */
    List<StreamEvent> after(long position, int limit) {
        return ring.after(position, limit);
    }

    boolean register(EventStream stream) {
        if (stopping) {
            return false;
        }
        streams.add(stream);
        return true;
    }

    void unregister(EventStream stream) {
        streams.remove(stream);
    }

    int openStreams() {
        return streams.size();
    }

    /**
     * A pod going away ends its streams first (the shutdown delay starts, or the shutdown itself), so that
     * the HTTP server's graceful shutdown does not wait for them: the apps reconnect, with Last-Event-ID,
     * to a pod that stays, and miss nothing.
     */
    void shutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        closeAll();
    }

    void stop(@Observes ShutdownEvent event) {
        closeAll();
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void closeAll() {
        stopping = true;
        streams.forEach(EventStream::close);
        streams.clear();
    }
}
