package com.aegis.vault.events;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.bill;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay against the real RabbitMQ: what a consumer bound to aegis.events receives, and the faults. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
@TestProfile(RelayProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventRelayQuarkusTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    AgroalDataSource dataSource;

    private BrokerConsumer consumer;

    @BeforeEach
    void bind() throws Exception {
        RelayProfile.BROKER.up();
        consumer = new BrokerConsumer();
    }

    @AfterEach
    void unbind() throws Exception {
        RelayProfile.BROKER.up();
        consumer.close();
    }

    @Test
    void everyEventIsPublishedWithItsPropertiesAndInOrderPerMember() throws Exception {
        String alice = newUser("m");
        String bert = newUser("m");
        String bob = newUser("a");
        link(alice, bob);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(() -> ApiFixtures.postTransaction(alice, ApiFixtures.transaction("900.00", 10)).extract().statusCode());
            posts.add(() -> ApiFixtures.postTransaction(bert, ApiFixtures.transaction("900.00", 10)).extract().statusCode());
        }
        assertTrue(concurrently(posts).stream().allMatch(status -> status == 201));
        String approval = bill(alice);
        as(TestTokens.advocate(bob)).body("{\"decision\":\"REJECT\"}").post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(200);

        List<String> aliceEvents = outboxIds(alice);
        List<String> bertEvents = outboxIds(bert);
        assertEquals(1 + 6 + 1 + 1, aliceEvents.size(), "linked, 6 held, a bill, its resolution");
        List<BrokerConsumer.Received> forAlice = consumer.await(m -> m.memberId().equals(alice), aliceEvents.size(), WAIT);
        List<BrokerConsumer.Received> forBert = consumer.await(m -> m.memberId().equals(bert), bertEvents.size(), WAIT);
        assertEquals(aliceEvents, forAlice.stream().map(BrokerConsumer.Received::messageId).toList(), "in order");
        assertEquals(bertEvents, forBert.stream().map(BrokerConsumer.Received::messageId).toList(), "in order");

        for (BrokerConsumer.Received message : forAlice) {
            assertEquals(message.body().get("id").asText(), message.messageId(), "message_id = the event's id");
            assertEquals(message.body().get("type").asText(), message.routingKey(), "routing key = the type");
            assertEquals("application/json", message.contentType());
            assertEquals(2, message.deliveryMode(), "persistent");
        }
        assertEquals("advocate.linked", forAlice.get(0).routingKey());
        assertEquals(bob, forAlice.get(0).body().get("advocateId").asText());
        BrokerConsumer.Received resolved = forAlice.get(forAlice.size() - 1);
        assertEquals("approval.resolved", resolved.routingKey());
        assertEquals("REJECTED", resolved.body().at("/approval/status").asText());
        assertEquals(bob, resolved.body().at("/advocateIds/0").asText());
        awaitPendingGauge(0);
    }

    @Test
    void whileTheBrokerIsDownTheApiServesAndAfterwardsEveryEventGoesOutOnceInOrder() throws Exception {
        String alice = newUser("m");
        String bert = newUser("m");
        RelayProfile.BROKER.down();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(() -> ApiFixtures.postTransaction(alice, ApiFixtures.transaction("900.00", 10)).extract().statusCode());
            posts.add(() -> ApiFixtures.postTransaction(bert, ApiFixtures.transaction("900.00", 10)).extract().statusCode());
        }
        assertTrue(concurrently(posts).stream().allMatch(status -> status == 201), "the API keeps answering");
        given().get("/q/health/ready").then().statusCode(200);
        assertTrue(awaitPendingGauge(20) >= 20, "the events wait in the outbox");
        Thread.sleep(3000);
        assertEquals(List.of(), consumer.deduplicated(m -> m.memberId().equals(alice)), "nothing got through");

        RelayProfile.BROKER.up();
        List<String> aliceEvents = outboxIds(alice);
        List<String> bertEvents = outboxIds(bert);
        assertEquals(aliceEvents, consumer.await(m -> m.memberId().equals(alice), 10, WAIT).stream()
                .map(BrokerConsumer.Received::messageId).toList(), "every event once per message_id, in order");
        assertEquals(bertEvents, consumer.await(m -> m.memberId().equals(bert), 10, WAIT).stream()
                .map(BrokerConsumer.Received::messageId).toList());
        awaitPendingGauge(0);
    }

    @Test
    @Order(Integer.MAX_VALUE) // leaves dead connections in the pool that fail a few requests after it (503)
    void afterTheDatabaseDroppedEveryConnectionTheRelayAndTheStreamsCarryOn() throws Exception {
        String alice = newUser("m");
        try (SseClient stream = SseClient.open(events, TestTokens.member(alice), null)) {
            assertEquals(200, stream.status());
            terminateOtherConnections();
            Thread.sleep(500);
            String approval = null;
            for (int attempt = 0; attempt < 10 && approval == null; attempt++) {
                // A request on a connection that died with the outage may fail (503); the app retries.
                var response = ApiFixtures.postTransaction(alice, ApiFixtures.transaction("900.00", 10)).extract();
                approval = response.statusCode() == 201 ? response.path("approval.id") : null;
            }
            assertNotNull(approval);
            SseClient.Message message = stream.next(WAIT);
            assertNotNull(message, "the open stream still delivers");
            assertEquals(approval, message.json().at("/approval/id").asText());
            assertEquals(1, consumer.await(m -> m.memberId().equals(alice), 1, WAIT).size(), "and the relay publishes");
        }
    }

    @Test
    void aStreamResumingFurtherBackThanThePodKeepsInMemoryReadsTheRestFromTheDatabase() throws Exception {
        String alice = newUser("m");
        String bob = newUser("a");
        link(alice, bob);
        String cursor;
        try (SseClient stream = SseClient.open(events, TestTokens.advocate(bob), null)) {
            assertEquals(200, stream.status());
            bill(alice);
            cursor = stream.next(WAIT).id();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // the ring holds 16 in this profile
            missed.add(bill(newUser("other"))); // noise the advocate must not see
            missed.set(i, bill(alice));
        }
        try (SseClient resumed = SseClient.open(events, TestTokens.advocate(bob), cursor)) {
            assertEquals(200, resumed.status());
            List<String> got = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                SseClient.Message message = resumed.next(WAIT);
                assertNotNull(message, "missed event " + i);
                got.add(message.json().at("/approval/id").asText());
            }
            assertEquals(missed, got);
            assertNull(resumed.next(Duration.ofMillis(500)), "nothing more: other members' events are not shown");
            assertTrue(resumed.comments.poll(3, java.util.concurrent.TimeUnit.SECONDS) != null, "a keep-alive comment");
        }
    }

    private List<String> outboxIds(String member) throws Exception {
        // Positions are assigned just after commit: wait until every event of the member has one.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("SELECT id, position FROM event_outbox WHERE member_id = ? "
                         + "ORDER BY position")) {
                s.setString(1, member);
                List<String> ids = new ArrayList<>();
                boolean allPositioned = true;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        allPositioned &= rs.getObject(2) != null;
                    }
                }
                if (allPositioned || System.nanoTime() > deadline) {
                    return ids;
                }
            }
            Thread.sleep(50);
        }
    }

    private void terminateOtherConnections() throws Exception {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }

    /** Waits until aegis_events_pending reaches at least {@code atLeast} (or, for 0, drops to 0); @return it. */
    private static double awaitPendingGauge(double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double value = -1;
        while (System.nanoTime() < deadline) {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            value = metrics.lines().filter(l -> l.startsWith("aegis_events_pending"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
            if (atLeast == 0 ? value == 0 : value >= atLeast) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("aegis_events_pending stayed at " + value + ", expected " + (atLeast == 0 ? "0" : ">= " + atLeast));
    }
}
