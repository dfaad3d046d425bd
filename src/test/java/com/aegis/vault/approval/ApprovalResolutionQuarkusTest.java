package com.aegis.vault.approval;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.bill;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.count;
import static com.aegis.vault.testing.ApiFixtures.entries;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ApprovalResolutionQuarkusTest {

    private static final Logger LOG = Logger.getLogger(ApprovalResolutionQuarkusTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Response resolve(String advocate, String approval, String body) {
        return as(TestTokens.advocate(advocate)).body(body).post(APPROVALS + "/{id}/resolution", approval);
    }

    @Test
    void aLinkedAdvocateApprovesAndTheResolutionIsLoggedOnce() throws Exception {
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        String approval = bill(member);
        double approvedBefore = BillApprovalsQuarkusTest.counter("aegis_approvals_resolved_total{decision=\"APPROVE\"");

        Response won = resolve(advocate, approval, "{\"decision\":\"APPROVE\",\"note\":\"Called her, all fine\"}")
                .then().statusCode(200)
                .body("id", equalTo(approval))
                .body("status", equalTo("APPROVED"))
                .body("resolvedBy", equalTo(advocate))
                .body("resolvedAt", notNullValue())
                .body("resolutionNote", equalTo("Called her, all fine"))
                .extract().response();
        // The winner's identical repeat (a phone retry) is 200 again with the same approval, and logs nothing.
        resolve(advocate, approval, "{\"decision\":\"APPROVE\",\"note\":\"Called her, all fine\"}")
                .then().statusCode(200).body("resolvedAt", equalTo(won.path("resolvedAt")));
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", approval).then().statusCode(200)
                .body("status", equalTo("APPROVED"));

        List<SecurityLogEntry> resolved = entries(member, LogType.APPROVAL_RESOLVED);
        assertEquals(1, resolved.size());
        JsonNode details = JSON.readTree(resolved.get(0).details);
        assertEquals(approval, details.get("approvalId").asText());
        assertEquals(advocate, details.get("advocateId").asText());
        assertEquals("APPROVE", details.get("decision").asText());
        assertEquals("Called her, all fine", details.get("note").asText());
        assertEquals(approvedBefore + 1, BillApprovalsQuarkusTest.counter("aegis_approvals_resolved_total{decision=\"APPROVE\""));
    }

    @Test
    void aDifferentDecisionOrAdvocateAfterTheWinnerIs409WithTheApprovalAsItStands() {
        String member = newUser("m");
        String winner = newUser("a");
        String late = newUser("a");
        link(member, winner);
        link(member, late);
        String approval = bill(member);
        resolve(winner, approval, "{\"decision\":\"REJECT\"}").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("resolutionNote", nullValue());

        resolve(winner, approval, "{\"decision\":\"APPROVE\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("type", equalTo("https://aegis.example/problems/approval-resolved"))
                .body("approval.id", equalTo(approval))
                .body("approval.status", equalTo("REJECTED"))
                .body("approval.resolvedBy", equalTo(winner))
                .body("approval.amount", equalTo("180.40"));
        resolve(late, approval, "{\"decision\":\"REJECT\"}").then().statusCode(409)
                .body("approval.status", equalTo("REJECTED"))
                .body("approval.resolvedBy", equalTo(winner));
        assertEquals(1, count(member, LogType.APPROVAL_RESOLVED));
    }

    @Test
    void twentyConcurrentResolutionsByFourAdvocatesHaveExactlyOneWinner() throws Exception {
        String member = newUser("m");
        List<String> advocates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            advocates.add(newUser("a" + i));
            link(member, advocates.get(i));
        }
        // Three races on three approvals: the first one also warms the server up; each must hold.
        for (int round = 1; round <= 3; round++) {
            String approval = bill(member);
            long started = System.nanoTime();
            List<Response> responses = race(approval, advocates);
            LOG.infof("round %d: 20 concurrent resolutions by 4 advocates answered in %d ms",
                    round, (System.nanoTime() - started) / 1_000_000);
            assertOneWinner(approval, responses);
            assertEquals(round, count(member, LogType.APPROVAL_RESOLVED), "one APPROVAL_RESOLVED per approval");
        }
    }

    /** 20 requests at once: advocates 0 and 1 approve, 2 and 3 reject, five requests each. */
    private static List<Response> race(String approval, List<String> advocates) throws Exception {
        List<Callable<Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String advocate = advocates.get(i % 4);
            String decision = i % 4 < 2 ? "APPROVE" : "REJECT";
            tasks.add(() -> resolve(advocate, approval, "{\"decision\":\"" + decision + "\"}"));
        }
        return concurrently(tasks);
    }

    private static void assertOneWinner(String approval, List<Response> responses) {
        List<Response> ok = responses.stream().filter(r -> r.statusCode() == 200).toList();
        List<Response> conflicts = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(20, ok.size() + conflicts.size(), "only 200 and 409: "
                + responses.stream().map(Response::statusCode).toList());
        Set<String> winners = ok.stream()
                .map(r -> r.<String>path("resolvedBy") + "/" + r.<String>path("status")).collect(Collectors.toSet());
        assertEquals(1, winners.size(), "one distinct winner: " + winners);
        String winner = winners.iterator().next();
        for (Response conflict : conflicts) {
            assertEquals(winner, conflict.<String>path("approval.resolvedBy") + "/" + conflict.<String>path("approval.status"));
            assertEquals(approval, conflict.path("approval.id"));
        }
        // The winner's five identical requests all answer 200 (repeats of the winning request); all others 409.
        assertEquals(5, ok.size());
    }

    @Test
    void decisionAndNoteAreValidated() {
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        String approval = bill(member);
        for (String body : List.of("{\"decision\":\"MAYBE\"}", "{\"decision\":\"approve\"}", "{}",
                "{\"decision\":\"APPROVE\",\"note\":\"" + "n".repeat(1001) + "\"}")) {
            resolve(advocate, approval, body).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of(body.contains("note") ? "note" : "decision")));
        }
        resolve(advocate, approval, "").then().statusCode(400);
        resolve(advocate, approval, "{\"decision\":\"APPROVE\",\"note\":\"" + "n".repeat(1000) + "\"}")
                .then().statusCode(200);
    }

    @Test
    void theSameAdvocateChangingTheirMindIsAConflict() {
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        String approval = bill(member);
        resolve(advocate, approval, "{\"decision\":\"APPROVE\"}").then().statusCode(200);
        Response conflict = resolve(advocate, approval, "{\"decision\":\"REJECT\"}").then().statusCode(409).extract().response();
        assertEquals("APPROVED", conflict.path("approval.status"));
        assertTrue(conflict.<String>path("detail").contains("APPROVED"));
        assertNull(conflict.path("errors"));
        assertFalse(conflict.asString().contains("Exception"));
    }
}
