package com.aegis.vault.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "aegis.idempotency")
public interface IdempotencyConfig {

    /** Stored responses are kept at least this long before the sweep may purge them. */
    @WithDefault("24h")
    Duration retention();
}
