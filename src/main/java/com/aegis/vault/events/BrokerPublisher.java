package com.aegis.vault.events;

import com.aegis.vault.config.RabbitMqConfig;
import com.rabbitmq.client.AMQP;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

import java.time.Duration;
import java.util.Date;
import java.util.List;

/**
 * The relay's connection to RabbitMQ (the Vert.x client of the RabbitMQ messaging extension), in confirm
 * mode. {@link #publishAll} returns only once the broker has confirmed every message of the batch, and
 * throws if it nacked one, did not answer within the timeout or the connection broke: the caller then
 * marks nothing and sends the batch again, in the same order, on a fresh connection.
 */
final class BrokerPublisher implements AutoCloseable {

    static final String EXCHANGE = "aegis.events";

    private final Vertx vertx;
    private final RabbitMqConfig config;
    private RabbitMQClient client;

    BrokerPublisher(Vertx vertx, RabbitMqConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void publishAll(List<StreamEvent> events, Duration confirmTimeout) {
        try {
            RabbitMQClient connected = connected();
            for (StreamEvent event : events) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .messageId(event.id())
                        .contentType("application/json")
                        .deliveryMode(2) // persistent
                        .timestamp(new Date())
                        .build();
                connected.basicPublishAndAwait(EXCHANGE, event.type().wireName(), properties, Buffer.buffer(event.payload()));
            }
            connected.waitForConfirmsAndAwait(confirmTimeout.toMillis());
        } catch (RuntimeException e) {
            close(); // whatever state the channel is in, the next attempt starts on a new connection
            throw e;
        }
    }

    private RabbitMQClient connected() {
        if (client != null && client.isConnected() && client.isOpenChannel()) {
            return client;
        }
        close();
        RabbitMQOptions options = new RabbitMQOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setUser(config.username())
                .setPassword(config.password())
                .setConnectionTimeout(5000)
                .setHandshakeTimeout(5000)
                // The relay reconnects itself, on its next run; the client must not retry behind its back.
                .setReconnectAttempts(0)
                .setAutomaticRecoveryEnabled(false);
        RabbitMQClient fresh = RabbitMQClient.create(vertx, options);
        fresh.startAndAwait();
        client = fresh;
        fresh.exchangeDeclareAndAwait(EXCHANGE, "topic", true, false);
        fresh.confirmSelectAndAwait();
        return fresh;
    }

    @Override
    public void close() {
        if (client != null) {
            RabbitMQClient closing = client;
            client = null;
            try {
                closing.stopAndAwait();
            } catch (RuntimeException ignored) {
                // already broken: nothing to close cleanly
            }
        }
    }
}
