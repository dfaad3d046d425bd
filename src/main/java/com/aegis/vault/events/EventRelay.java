package com.aegis.vault.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox to the RabbitMQ topic exchange {@code aegis.events}: routing key = event type,
 * message_id = event id, persistent, application/json. An event is marked published only after the broker
 * confirmed it. One pod relays at a time — the one holding the relay row lock (SKIP LOCKED: the others do
 * nothing) — and in stream order, so each member's events go out in order. While the broker is down the
 * events wait in the database and the API is not concerned.
 * <p>
 * Not a Reactive Messaging channel, though the RabbitMQ messaging extension provides the client: an
 * {@code Emitter} needs its channel at start (SRMSG00019 when it is disabled) and the channel connects at
 * start, so dev and tests without a broker could not run; and its publisher queues and re-sends on its own,
 * which would hide from the relay what the broker confirmed. See {@link BrokerPublisher}.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    /** After a failure (broker or database away) the next attempt waits this long. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final String PENDING = "SELECT position, id, type, member_id, advocate_id, payload FROM event_outbox "
            + "WHERE published_at IS NULL AND position IS NOT NULL ORDER BY position LIMIT ?";

    @Inject
    EventsConfig config;

    @Inject
    Outbox outbox;

    @Inject
    RabbitMqConfig broker;

    private BrokerPublisher publisher;

    private ScheduledExecutorService worker;
    private volatile boolean failing;
    private long retryAt = System.nanoTime();

    void start(@Observes StartupEvent event) {
        if (!config.publish() || !Workers.enabled()) {
            return;
        }
        publisher = new BrokerPublisher(broker);
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-event-relay");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::relay, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
            publisher.close();
        }
    }

    private void relay() {
        if (System.nanoTime() - retryAt < 0) {
            return;
        }
        try {
            while (relayBatch() == config.relayBatch()) {
                // a full batch: there is more waiting
            }
            if (failing) {
                LOG.info("event relay: publishing again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("event relay: %s; the events wait in the outbox and are retried every %s", e.getMessage(),
                        RETRY);
                failing = true;
            }
            retryAt = System.nanoTime() + RETRY.toNanos();
        }
    }

    /** Publishes the next batch if this pod holds the relay lock. @return how many were confirmed */
    int relayBatch() {
        return outbox.inTransaction(c -> {
            if (Outbox.lockWorker(c, Outbox.RELAY, true) < 0) {
                return 0; // another pod relays
            }
            List<StreamEvent> batch = outbox.read(c, PENDING, List.of(config.relayBatch()));
            if (batch.isEmpty()) {
                return 0;
            }
            publisher.publishAll(batch, config.confirmTimeout());
            markPublished(c, batch);
            return batch.size();
        });
    }

    private static void markPublished(Connection c, List<StreamEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE event_outbox SET published_at = ? WHERE id = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (StreamEvent event : events) {
                s.setTimestamp(1, now);
                s.setObject(2, UUID.fromString(event.id()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
