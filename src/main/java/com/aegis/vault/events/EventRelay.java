package com.aegis.vault.events;

import com.aegis.vault.config.EventsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox to the RabbitMQ topic exchange {@code aegis.events} (channel {@code aegis-events}):
 * routing key = event type, message_id = event id, persistent, application/json. An event is marked
 * published only after the broker confirmed it (the channel has publisher confirms, so the message is
 * acknowledged on the confirm). One pod relays at a time — the one holding the relay row lock
 * (SKIP LOCKED: the others do nothing) — and in stream order, so each member's events go out in order.
 * While the broker is down the events wait in the database and the API is not concerned.
 */
@ApplicationScoped
public class EventRelay {

    static final String CHANNEL = "aegis-events";
    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    private static final String PENDING = "SELECT position, id, type, member_id, advocate_id, payload FROM event_outbox "
            + "WHERE published_at IS NULL AND position IS NOT NULL ORDER BY position LIMIT ?";

    @Inject
    EventsConfig config;

    @Inject
    Outbox outbox;

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
    Emitter<String> emitter;

    private ScheduledExecutorService worker;
    private volatile boolean failing;

    void start(@Observes StartupEvent event) {
        if (!config.publish()) {
            return;
        }
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
        }
    }

    private void relay() {
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
                LOG.warnf("event relay: %s; the events wait in the outbox and are retried", e.getMessage());
                failing = true;
            }
        }
    }

    /** Publishes the next batch if this pod holds the relay lock. @return how many were confirmed */
    int relayBatch() {
        return outbox.inTransaction(c -> {
            if (Outbox.lockWorker(c, Outbox.RELAY, true) < 0) {
                return 0; // another pod relays
            }
            List<StreamEvent> batch = outbox.read(c, PENDING, List.of(config.relayBatch()));
            List<CompletableFuture<Void>> confirms = new ArrayList<>(batch.size());
            for (StreamEvent event : batch) {
                confirms.add(publish(event));
            }
            List<StreamEvent> confirmed = new ArrayList<>(batch.size());
            long deadline = System.nanoTime() + config.confirmTimeout().toNanos();
            RuntimeException failure = null;
            for (int i = 0; i < batch.size(); i++) {
                try {
                    confirms.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    confirmed.add(batch.get(i));
                } catch (ExecutionException | TimeoutException e) {
                    // Only the confirmed prefix is marked: the rest goes out again, in order, next time.
                    failure = new IllegalStateException("the broker did not confirm event " + batch.get(i).id()
                            + (e instanceof TimeoutException ? " in time" : ": " + e.getCause()), e);
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted", e);
                    break;
                }
            }
            markPublished(c, confirmed);
            if (failure != null) {
                c.commit(); // keep the marks of what was confirmed
                throw failure;
            }
            return confirmed.size();
        });
    }

    private CompletableFuture<Void> publish(StreamEvent event) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.type().wireName())
                .withMessageId(event.id())
                .withContentType("application/json")
                .withDeliveryMode(2) // persistent
                .withTimestamp(Instant.now().atZone(ZoneOffset.UTC))
                .build();
        Message<String> message = Message.of(event.payload(), Metadata.of(metadata),
                () -> {
                    confirmed.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    confirmed.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) { // the emitter's buffer is full while the broker is away
            confirmed.completeExceptionally(e);
        }
        return confirmed;
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
