package com.aegis.vault.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The broker the event relay publishes to: RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USERNAME, RABBITMQ_PASSWORD. */
@ConfigMapping(prefix = "rabbitmq")
public interface RabbitMqConfig {

    @WithDefault("localhost")
    String host();

    @WithDefault("5672")
    int port();

    @WithDefault("guest")
    String username();

    @WithDefault("guest")
    String password();
}
