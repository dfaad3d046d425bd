package com.aegis.vault.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The event outbox: the live stream of GET /api/v1/events and the relay to RabbitMQ. */
@ConfigMapping(prefix = "aegis.events")
public interface EventsConfig {

    /**
     * Whether this pod relays the outbox to the RabbitMQ exchange {@code aegis.events} (AEGIS_EVENTS_PUBLISH).
     * Off in dev and test (application.properties), so that they need no broker.
     */
    @WithDefault("true")
    boolean publish();

    /** Published events are kept this long (a stream can resume from any of them), then pruned. */
    @WithDefault("7d")
    Duration retention();

    /**
     * How often each pod reads the outbox for events committed through other pods. Events committed
     * through this pod are streamed at once; this bounds the extra delay of the others.
     */
    @WithDefault("100ms")
    Duration pollInterval();

    /** A stream that has sent nothing for this long gets a {@code : keep-alive} comment (the contract: 15 s at most). */
    @WithDefault("10s")
    Duration keepAlive();

    /** Events each pod keeps in memory for its streams; a stream further behind reads the database. */
    @WithDefault("10000")
    int buffer();

    /** At most this many events per relay transaction (each waits for its broker confirms). */
    @WithDefault("500")
    int relayBatch();

    /** How long the relay waits for the broker's confirms before it retries the batch. */
    @WithDefault("10s")
    Duration confirmTimeout();

    /** How often each pod runs the outbox housekeeping (pruning published events past the retention). */
    @WithDefault("1h")
    Duration pruneInterval();
}
