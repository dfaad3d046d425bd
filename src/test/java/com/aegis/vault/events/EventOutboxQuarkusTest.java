package com.aegis.vault.events;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.test.common.WithTestResource;
import com.aegis.vault.approval.ApprovalService;
import com.aegis.vault.approval.ApprovalSweeper;
import com.aegis.vault.approval.BillRequest;
import com.aegis.vault.approval.ShortExpiryProfile;
import com.aegis.vault.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The transactional outbox: an event if and only if its change committed, exactly once per change. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
@TestProfile(ShortExpiryProfile.class)
class EventOutboxQuarkusTest {

    @Inject
    ApprovalService approvals;

    @Inject
    ApprovalSweeper sweeper;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void resumeSweep() {
        scheduler.resume(ApprovalSweeper.IDENTITY);
    }

    @Test
    void aRolledBackChangeLeavesNoEventAndACommittedOneExactlyOne() throws Exception {
        String member = newUser("m");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            approvals.requestBill(member, bill());
            throw new IllegalStateException("something after the event failed");
        }));
        assertEquals(List.of(), types(member));

        QuarkusTransaction.requiringNew().run(() -> approvals.requestBill(member, bill()));
        assertEquals(List.of("approval.requested"), types(member));
    }

    @Test
    void linkingAndUnlinkingTwiceRecordOneEventEachWithTheAdvocatesOfThatMoment() throws Exception {
        String member = newUser("m");
        String bob = newUser("a");
        String carol = newUser("a");
        link(member, bob);
        link(member, bob);
        link(member, carol);
        as(TestTokens.member(member)).delete("/api/v1/members/me/advocates/{a}", bob).then().statusCode(204);
        as(TestTokens.member(member)).delete("/api/v1/members/me/advocates/{a}", bob).then().statusCode(204);
        assertEquals(List.of("advocate.linked", "advocate.linked", "advocate.unlinked"), types(member));
        List<String> payloads = payloads(member);
        assertEquals(true, payloads.get(0).contains("\"advocateIds\":[\"" + bob + "\"]"), payloads.get(0));
        // The unlinked advocate is among those told (they must drop the member), with those who stay.
        assertEquals(true, payloads.get(2).contains("\"advocateId\":\"" + bob + "\""), payloads.get(2));
        assertEquals(true, payloads.get(2).contains(bob) && payloads.get(2).contains(carol), payloads.get(2));
    }

    @Test
    void anExpiryByTheSweepAndByConcurrentReadsRecordsExactlyOneApprovalExpired() throws Exception {
        scheduler.pause(ApprovalSweeper.IDENTITY);
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        List<String> ids = new ArrayList<>();
        Instant expiresAt = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            var response = as(TestTokens.member(member)).body("{\"kind\":\"BILL\",\"payee\":\"Gas\",\"amount\":\"20.00\","
                    + "\"currency\":\"EUR\",\"dueDate\":\"2026-12-15\"}").post(APPROVALS).then().statusCode(201).extract();
            ids.add(response.path("id"));
            expiresAt = Instant.parse(response.path("expiresAt"));
        }
        Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 100);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(() -> as(TestTokens.member(member)).get(APPROVALS).statusCode());
            tasks.add(() -> as(TestTokens.advocate(advocate)).get(APPROVALS + "/{id}", ids.get(0)).statusCode());
            tasks.add(() -> sweeper.expireOverdue() >= 0 ? 200 : 500);
        }
        concurrently(tasks);
        sweeper.expireOverdue();
        List<String> types = types(member);
        assertEquals(3, types.stream().filter("approval.expired"::equals).count(), types.toString());
        for (String id : ids) {
            assertEquals(1, payloads(member).stream()
                    .filter(p -> p.contains("\"type\":\"approval.expired\"") && p.contains(id)).count(), id);
        }
        assertEquals(true, payloads(member).stream().filter(p -> p.contains("approval.expired"))
                .allMatch(p -> p.contains("\"status\":\"EXPIRED\"") && p.contains(advocate)));
    }

    private List<String> types(String member) throws Exception {
        return column(member, "type");
    }

    private List<String> payloads(String member) throws Exception {
        return column(member, "payload");
    }

    private List<String> column(String member, String column) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM event_outbox WHERE member_id = ? "
                     + "ORDER BY insert_seq")) {
            s.setString(1, member);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    static BillRequest bill() {
        BillRequest bill = new BillRequest();
        bill.kind = "BILL";
        bill.payee = "City Water Ltd";
        bill.amount = new BigDecimal("18.00");
        bill.currency = "EUR";
        bill.dueDate = LocalDate.now().plusDays(10);
        return bill;
    }
}
