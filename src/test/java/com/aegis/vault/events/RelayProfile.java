package com.aegis.vault.events;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Publishing on, to the machine's RabbitMQ (127.0.0.1:5672, guest/guest) through a {@link TcpProxy} the
 * tests can cut; a small in-memory ring, so that resuming streams read the database; a 1 s keep-alive.
 */
public class RelayProfile implements QuarkusTestProfile {

    static final TcpProxy BROKER;

    static {
        try {
            BROKER = new TcpProxy(Integer.parseInt(System.getenv().getOrDefault("AEGIS_TEST_RABBITMQ_PORT", "5672")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "aegis.events.publish", "true",
                "rabbitmq.host", "127.0.0.1",
                "rabbitmq.port", String.valueOf(BROKER.port()),
                "aegis.events.buffer", "16",
                "aegis.events.keep-alive", "1s",
                "aegis.events.confirm-timeout", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of();
    }
}
