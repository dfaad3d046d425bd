package com.aegis.vault.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The outbox's gauges ({@code aegis_events_pending}, {@code aegis_events_oldest_pending_seconds}: events the
 * broker has not confirmed yet) and its pruning: published events older than the retention go, in small
 * batches of short transactions, oldest first, so no lock is held long and no stream cursor is left dangling.
 */
@ApplicationScoped
public class EventHousekeeping {

    private static final Logger LOG = Logger.getLogger(EventHousekeeping.class);
    private static final int PRUNE_BATCH = 1000;
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    @Inject
    Outbox outbox;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    private volatile Outbox.Pending pending = new Outbox.Pending(0, null);
    private ScheduledExecutorService worker;

    void start(@Observes StartupEvent event) {
        if (!Workers.enabled()) {
            return;
        }
        Gauge.builder("aegis.events.pending", () -> pending.count())
                .description("Events not yet confirmed by the broker").register(registry);
        Gauge.builder("aegis.events.oldest.pending.seconds", this::oldestPendingSeconds)
                .description("Age of the oldest event not yet confirmed by the broker (0 when none)").register(registry);
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aegis-event-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        // Counted every few seconds on a thread of its own, so a scrape never waits for the database.
        worker.scheduleWithFixedDelay(this::refreshGauges, 0, GAUGE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        long prune = config.pruneInterval().toMillis();
        worker.scheduleWithFixedDelay(this::prune, prune, prune, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    void refreshGauges() {
        try {
            pending = outbox.pending();
        } catch (RuntimeException e) {
            LOG.debugf("event gauges: %s", e.getMessage());
        }
    }

    private double oldestPendingSeconds() {
        Instant oldest = pending.oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    /** @return how many events were pruned */
    public long prune() {
        Instant cutoff = Instant.now().minus(config.retention());
        long pruned = 0;
        try {
            int batch;
            do {
                // When nobody publishes (dev), events past the retention are pruned all the same.
                batch = outbox.pruneBatch(cutoff, config.publish(), PRUNE_BATCH);
                pruned += batch;
            } while (batch == PRUNE_BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("event pruning: %s; retried at the next run", e.getMessage());
        }
        if (pruned > 0) {
            LOG.infof("event pruning: %d published events older than %s removed", pruned, config.retention());
        }
        return pruned;
    }
}
