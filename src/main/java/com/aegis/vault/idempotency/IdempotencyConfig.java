package com.aegis.vault.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long stored responses are kept for replay, and how often they are purged after that. */
@ConfigMapping(prefix = "aegis.idempotency")
public interface IdempotencyConfig {

    /** Stored responses are kept at least this long before the purge may delete them (the contract says 24 hours). */
    @WithDefault("24h")
    Duration retention();

    /**
     * How often each pod purges records past their retention (read by {@link IdempotencyKeyPurge}'s schedule);
     * it bounds only how long a record outlives its retention, never what a retry sees.
     */
    @WithDefault("30s")
    Duration purgeInterval();
}
