package com.aegis.vault.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What the push gateway does: a queue bound to {@code aegis.events} (its own, server-named, exclusive and
 * auto-deleted, so that parallel test runs do not take each other's messages), read straight from the
 * broker on 127.0.0.1:5672.
 */
final class BrokerConsumer implements AutoCloseable {

    record Received(String messageId, String routingKey, String contentType, Integer deliveryMode, JsonNode body) {
        String memberId() {
            return body.path("memberId").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Connection connection;

    BrokerConsumer() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("AEGIS_TEST_RABBITMQ_PORT", "5672")));
        connection = factory.newConnection("aegis-events-test");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(BrokerPublisher.EXCHANGE, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, BrokerPublisher.EXCHANGE, "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                try {
                    received.add(new Received(properties.getMessageId(), envelope.getRoutingKey(),
                            properties.getContentType(), properties.getDeliveryMode(),
                            JSON.readTree(new String(body, StandardCharsets.UTF_8))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    /** The messages matching {@code which} as a deduplicating consumer sees them: the first of each message_id. */
    List<Received> deduplicated(Predicate<Received> which) {
        Map<String, Received> first = new LinkedHashMap<>();
        for (Received message : received) {
            if (which.test(message)) {
                first.putIfAbsent(message.messageId(), message);
            }
        }
        return new ArrayList<>(first.values());
    }

    /** Waits until {@code count} distinct messages match {@code which}; @return them, deduplicated. */
    List<Received> await(Predicate<Received> which, int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Received> seen = deduplicated(which);
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = deduplicated(which);
        }
        return seen;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
