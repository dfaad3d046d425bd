package com.aegis.vault.events;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import com.aegis.vault.approval.ApprovalService;
import com.aegis.vault.testing.ApiFixtures;
import com.aegis.vault.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.bill;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/events as the apps use it: visibility, resume, reset, order across concurrent commits. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class EventStreamQuarkusTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/api/v1/events")
    URI events;

    @Inject
    ApprovalService approvals;

    private SseClient open(String token) throws Exception {
        return open(token, null);
    }

    private SseClient open(String token, String lastEventId) throws Exception {
        SseClient client = SseClient.open(events, token, lastEventId);
        assertEquals(200, client.status());
        assertTrue(client.contentType.get().startsWith("text/event-stream"), client.contentType.get());
        return client;
    }

    private static String heldTransaction(String member) {
        return ApiFixtures.postTransaction(member, ApiFixtures.transaction("1250.00", 10)).statusCode(201)
                .extract().path("approval.id");
    }

    @Test
    void anAdvocateSeesTheHeldTransactionWithinASecondAndTheMemberOnlyTheirOwn() throws Exception {
        String alice = newUser("m");
        String bob = newUser("a");
        String stranger = newUser("m");
        link(alice, bob);
        try (SseClient asBob = open(TestTokens.advocate(bob));
             SseClient asAlice = open(TestTokens.member(alice));
             SseClient asStranger = open(TestTokens.member(stranger))) {
            heldTransaction(newUser("m")); // the first request of a fresh JVM is slow for reasons of its own
            String approvalId = heldTransaction(alice);
            long committed = System.nanoTime();

            SseClient.Message requested = asBob.next(WAIT);
            long millis = (System.nanoTime() - committed) / 1_000_000;
            assertNotNull(requested, "the advocate is told");
            assertTrue(millis < 1000, "arrived " + millis + " ms after the commit");
            assertEquals("approval.requested", requested.event());
            assertNotNull(requested.id());
            var json = requested.json();
            assertEquals("approval.requested", json.get("type").asText());
            assertEquals(alice, json.get("memberId").asText());
            assertEquals(List.of(bob), List.of(json.get("advocateIds").get(0).asText()));
            assertEquals(1, json.get("advocateIds").size());
            assertEquals(approvalId, json.at("/approval/id").asText());
            assertEquals("PENDING", json.at("/approval/status").asText());
            assertEquals("1250.00", json.at("/approval/amount").asText());
            assertTrue(json.at("/approval/securityLogId").isTextual());
            assertTrue(json.get("occurredAt").isTextual());

            SseClient.Message own = asAlice.next(WAIT);
            assertEquals(json.get("id"), own.json().get("id"), "the member sees the same event");
            assertEquals(requested.id(), own.id());

            assertNull(asStranger.next(SECOND), "another member sees nothing of alice");
        }
    }

    @Test
    void anUnlinkedAdvocateStopsReceivingThatMembersEventsAtOnce() throws Exception {
        String alice = newUser("m");
        String bob = newUser("a");
        String carol = newUser("a");
        link(alice, bob);
        link(alice, carol);
        try (SseClient asBob = open(TestTokens.advocate(bob)); SseClient asCarol = open(TestTokens.advocate(carol))) {
            bill(alice);
            assertEquals("approval.requested", asBob.next(WAIT).event());
            assertEquals(Set.of(bob, carol), advocateIds(asCarol.next(WAIT)));

            as(TestTokens.member(alice)).delete("/api/v1/members/me/advocates/{a}", bob).then().statusCode(204);
            SseClient.Message unlinked = asBob.next(WAIT);
            assertEquals("advocate.unlinked", unlinked.event(), "bob is told he was removed");
            assertEquals(bob, unlinked.json().get("advocateId").asText());
            bill(alice);
            SseClient.Message carolsView = asCarol.next(e -> e.event().equals("approval.requested"), WAIT);
            assertEquals(Set.of(carol), advocateIds(carolsView), "only the advocates linked at that moment");
            assertNull(asBob.next(SECOND), "bob receives nothing of alice any more");
        }
    }

    @Test
    void aReconnectWithLastEventIdContinuesWithNothingLostAndNothingRepeated() throws Exception {
        String alice = newUser("m");
        String lastId = null;
        try (SseClient stream = open(TestTokens.member(alice))) {
            for (int i = 0; i < 3; i++) {
                bill(alice);
            }
            for (int i = 0; i < 3; i++) {
                lastId = stream.next(WAIT).id();
            }
            assertNull(stream.next(Duration.ofMillis(300)));
        }
        // The app was away while more happened.
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            missed.add(bill(alice));
        }
        try (SseClient resumed = open(TestTokens.member(alice), lastId)) {
            List<String> approvalIds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SseClient.Message message = resumed.next(WAIT);
                assertNotNull(message, "missed event " + i);
                approvalIds.add(message.json().at("/approval/id").asText());
            }
            assertEquals(missed, approvalIds, "every missed event, in order");
            assertNull(resumed.next(SECOND), "nothing repeated");
            String live = bill(alice);
            assertEquals(live, resumed.next(WAIT).json().at("/approval/id").asText(), "then live");
        }
        try (SseClient fresh = open(TestTokens.member(alice))) {
            assertNull(fresh.next(SECOND), "a stream without Last-Event-ID starts now: no replay");
        }
    }

    @Test
    void aCursorNotIssuedHereOrTooOldStartsWithOneResetMessage() throws Exception {
        String alice = newUser("m");
        for (String foreign : List.of("garbage", EventStream.cursor(Long.MAX_VALUE / 2), "MTIzNDU2")) {
            try (SseClient stream = open(TestTokens.member(alice), foreign)) {
                SseClient.Message reset = stream.next(WAIT);
                assertEquals("reset", reset.event());
                assertNotNull(reset.id(), "the reset carries a cursor to continue from");
                bill(alice);
                assertEquals("approval.requested", stream.next(WAIT).event(), "then the stream goes on live");
            }
        }
    }

    @Test
    void anEventCommittedLaterWithALowerInsertOrderIsNeitherSkippedNorRepeated() throws Exception {
        String slow = newUser("m");
        String fast = newUser("m");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SseClient admin = open(TestTokens.admin(newUser("ops")))) {
            // The slow transaction records its event first, then stays open while another commits.
            Future<?> slowTx = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                approvals.requestBill(slow, EventOutboxQuarkusTest.bill());
                inserted.countDown();
                await(release);
            }));
            assertTrue(inserted.await(10, TimeUnit.SECONDS));
            bill(fast);
            SseClient.Message fastEvent = admin.next(m -> m.memberId().equals(fast), WAIT);
            assertNotNull(fastEvent, "the committed event is streamed while the other is still open");

            release.countDown();
            slowTx.get(10, TimeUnit.SECONDS);
            assertNotNull(admin.next(m -> m.memberId().equals(slow), WAIT), "the later commit is not skipped");
            // An app that had stopped right after the fast event resumes and still gets the slow one, once.
            try (SseClient resumed = open(TestTokens.admin(newUser("ops")), fastEvent.id())) {
                List<SseClient.Message> after = resumed.drain(Duration.ofMillis(1500));
                assertEquals(1, after.stream().filter(m -> m.memberId().equals(slow)).count());
                assertEquals(0, after.stream().filter(m -> m.memberId().equals(fast)).count());
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void resolvingAndLinkingAreStreamedToo() throws Exception {
        String alice = newUser("m");
        String bob = newUser("a");
        try (SseClient asBob = open(TestTokens.advocate(bob)); SseClient asAlice = open(TestTokens.member(alice))) {
            link(alice, bob);
            SseClient.Message linked = asBob.next(WAIT);
            assertEquals("advocate.linked", linked.event());
            assertEquals(bob, linked.json().get("advocateId").asText());
            assertEquals(alice, linked.memberId());
            String id = bill(alice);
            assertEquals("approval.requested", asBob.next(WAIT).event());
            as(TestTokens.advocate(bob)).body("{\"decision\":\"APPROVE\"}").post(APPROVALS + "/{id}/resolution", id)
                    .then().statusCode(200);
            SseClient.Message resolved = asBob.next(WAIT);
            assertEquals("approval.resolved", resolved.event());
            assertEquals("APPROVED", resolved.json().at("/approval/status").asText());
            assertEquals(bob, resolved.json().at("/approval/resolvedBy").asText());
            assertEquals(List.of("advocate.linked", "approval.requested", "approval.resolved"),
                    asAlice.drain(Duration.ofMillis(300)).stream().map(SseClient.Message::event).toList());
        }
    }

    @Test
    void anEventCommittedThroughAnotherPodReachesThisPodsStreamsByPolling() throws Exception {
        String alice = newUser("m");
        try (SseClient stream = open(TestTokens.member(alice))) {
            // Another pod's commit: the row appears in the outbox without this pod's after-commit wake-up.
            String id = UUID.randomUUID().toString();
            try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO event_outbox (id, insert_seq, type, member_id, occurred_at, payload) "
                            + "VALUES (?, nextval('event_outbox_insert_seq'), 'approval.requested', ?, now(), ?)")) {
                insert.setObject(1, UUID.fromString(id));
                insert.setString(2, alice);
                insert.setString(3, "{\"id\":\"" + id + "\",\"type\":\"approval.requested\",\"memberId\":\""
                        + alice + "\",\"advocateIds\":[],\"approval\":{}}");
                insert.executeUpdate();
            }
            long committed = System.nanoTime();
            SseClient.Message message = stream.next(WAIT);
            long millis = (System.nanoTime() - committed) / 1_000_000;
            assertNotNull(message);
            assertEquals(id, message.json().get("id").asText());
            assertTrue(millis < 1000, "arrived " + millis + " ms after the other pod's commit");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @Test
    void aNewStreamLeavesOutWhatCommittedBeforeItOpenedEvenBeforeThatHasAPositionWhileAResumeGetsIt() throws Exception {
        String alice = newUser("m");
        String bob = newUser("a");
        String mark;
        try (SseClient asAlice = open(TestTokens.member(alice))) {
            bill(alice);
            mark = asAlice.next(WAIT).id();
        }
        try (Connection sequencerHeld = dataSource.getConnection()) {
            // Another pod is sequencing: what commits now waits for its position.
            sequencerHeld.setAutoCommit(false);
            Outbox.lockWorker(sequencerHeld, Outbox.SEQUENCER, false);
            link(alice, bob);
            String before = bill(alice);
            try (SseClient asBob = open(TestTokens.advocate(bob));
                 SseClient resumed = open(TestTokens.member(alice), mark)) {
                sequencerHeld.rollback();
                String after = bill(alice);

                SseClient.Message first = asBob.next(WAIT);
                assertEquals("approval.requested", first.event(), "not the link made before bob opened his stream");
                assertEquals(after, first.json().at("/approval/id").asText());
                assertNull(asBob.next(SECOND), "nothing from before the stream opened");

                List<SseClient.Message> caughtUp = List.of(resumed.next(WAIT), resumed.next(WAIT), resumed.next(WAIT));
                assertEquals(List.of("advocate.linked", "approval.requested", "approval.requested"),
                        caughtUp.stream().map(SseClient.Message::event).toList(), "a resume misses nothing");
                assertEquals(List.of(before, after), caughtUp.subList(1, 3).stream()
                        .map(m -> m.json().at("/approval/id").asText()).toList());
            }
        }
    }

    @Test
    void aCursorOfAnEventPrunedSinceStartsWithResetThenTheStreamGoesOn() throws Exception {
        String alice = newUser("m");
        String old;
        try (SseClient stream = open(TestTokens.member(alice))) {
            bill(alice);
            old = stream.next(WAIT).id();
            bill(alice);
            assertNotNull(stream.next(WAIT));
        }
        // Everything is past the retention (a cutoff in the future); nothing publishes in tests.
        while (outbox.pruneBatch(java.time.Instant.now().plusSeconds(3600), false, 1000) > 0) {
            // batch after batch, as the housekeeping does
        }
        try (SseClient resumed = open(TestTokens.member(alice), old)) {
            SseClient.Message reset = resumed.next(WAIT);
            assertEquals("reset", reset.event(), "the event after the cursor is gone: the app must re-read its lists");
            assertEquals("too-old", reset.json().get("reason").asText());
            assertNull(resumed.next(Duration.ofMillis(500)), "nothing replayed after the reset");
            String next = bill(alice);
            assertEquals(next, resumed.next(WAIT).json().at("/approval/id").asText(), "then live");
        }
    }

    @Test
    void withoutATokenTheStreamIsRefused() throws Exception {
        SseClient anonymous = SseClient.open(events, "not-a-token", null);
        assertEquals(401, anonymous.status());
        anonymous.close();
    }

    private static Set<String> advocateIds(SseClient.Message message) {
        Set<String> ids = new java.util.TreeSet<>();
        message.json().get("advocateIds").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
