package com.aegis.vault.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The relay's connection to RabbitMQ, in confirm mode, with the RabbitMQ Java client that the messaging
 * extension ships (blocking calls suit the relay's own thread: no hop per message). {@link #publishAll}
 * returns only once the broker has confirmed every message of the batch, and throws if it nacked one, did
 * not answer within the timeout or the connection broke: the caller then marks nothing and sends the batch
 * again, in the same order, on a fresh connection.
 */
final class BrokerPublisher implements AutoCloseable {

    static final String EXCHANGE = "aegis.events";

    private final RabbitMqConfig config;
    private Connection connection;
    private Channel channel;

    BrokerPublisher(RabbitMqConfig config) {
        this.config = config;
    }

    void publishAll(List<StreamEvent> events, Duration confirmTimeout) {
        try {
            Channel open = channel();
            for (StreamEvent event : events) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .messageId(event.id())
                        .contentType("application/json")
                        .deliveryMode(2) // persistent
                        .timestamp(new Date())
                        .build();
                open.basicPublish(EXCHANGE, event.type().wireName(), properties,
                        event.payload().getBytes(StandardCharsets.UTF_8));
            }
            open.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            close(); // whatever state the channel is in, the next attempt starts on a new connection
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("RabbitMQ at " + config.host() + ":" + config.port() + " did not confirm: " + e, e);
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        close();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setConnectionTimeout(5000);
        factory.setHandshakeTimeout(5000);
        // The relay reconnects itself, on its next run: the client must not recover (and re-send) behind its back.
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection("aegis-event-relay");
        channel = connection.createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        channel.confirmSelect();
        return channel;
    }

    @Override
    public void close() {
        Connection closing = connection;
        connection = null;
        channel = null;
        if (closing != null) {
            try {
                closing.abort(2000);
            } catch (RuntimeException ignored) {
                // already broken: nothing to close cleanly
            }
        }
    }
}
