package com.aegis.vault.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "aegis.audit-trail-guard")
public interface AuditTrailGuardConfig {

    /**
     * How often each serving pod checks that the database still refuses changes to security_logs (its
     * triggers present and enabled). A catalog query; the health check and the metric report the last result.
     */
    @WithDefault("60s")
    Duration interval();
}
