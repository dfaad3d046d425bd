package com.aegis.vault.auditlog;

import com.aegis.vault.advocate.AdvocateLink;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.aegis.vault.testing.ApiFixtures.storeLink;
import static com.aegis.vault.testing.ApiFixtures.newAdvocateId;
import static com.aegis.vault.testing.ApiFixtures.newMemberId;
import static com.aegis.vault.testing.ApiFixtures.postScamCall;
import static com.aegis.vault.testing.ApiFixtures.postTransaction;
import static com.aegis.vault.testing.ApiFixtures.scamCall;
import static com.aegis.vault.testing.ApiFixtures.transaction;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class SecurityLogResourceQuarkusTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String LOGS = "/api/v1/security-logs";

    private static String memberWithEntries(int n) {
        String member = newMemberId();
        for (int i = 0; i < n; i++) {
            postScamCall(member, scamCall()).statusCode(201);
        }
        return member;
    }

    // --- the authorization matrix ------------------------------------------------------------

    @Test
    void aMemberSeesOnlyTheirOwnTrail() {
        String alice = memberWithEntries(2);
        String bob = memberWithEntries(1);
        String aliceToken = TestTokens.member(alice);
        given().auth().oauth2(aliceToken).get(LOGS).then().statusCode(200)
                .body("items", hasSize(2)).body("items.memberId", everyItem(equalTo(alice)));
        given().auth().oauth2(aliceToken).queryParam("memberId", alice).get(LOGS).then().statusCode(200)
                .body("items", hasSize(2));
        given().auth().oauth2(aliceToken).queryParam("memberId", bob).get(LOGS).then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(aliceToken).get(LOGS + "/verify").then().statusCode(200)
                .body("memberId", equalTo(alice)).body("entries", equalTo(2));
        given().auth().oauth2(aliceToken).queryParam("memberId", bob).get(LOGS + "/verify").then().statusCode(403)
                .contentType(PROBLEM);
        String bobsEntry = given().auth().oauth2(TestTokens.member(bob)).get(LOGS).path("items[0].id");
        String alicesEntry = given().auth().oauth2(aliceToken).get(LOGS).path("items[0].id");
        given().auth().oauth2(aliceToken).get(LOGS + "/" + alicesEntry).then().statusCode(200)
                .body("id", equalTo(alicesEntry));
        given().auth().oauth2(aliceToken).get(LOGS + "/" + bobsEntry).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anAdvocateSeesOnlyMembersWhoLinkedThem() {
        String member = memberWithEntries(3);
        String linked = newAdvocateId();
        String stranger = newAdvocateId();
        storeLink(member, linked);
        String entry = given().auth().oauth2(TestTokens.member(member)).get(LOGS).path("items[0].id");

        given().auth().oauth2(TestTokens.advocate(linked)).queryParam("memberId", member).get(LOGS)
                .then().statusCode(200).body("items", hasSize(3));
        given().auth().oauth2(TestTokens.advocate(linked)).queryParam("memberId", member).get(LOGS + "/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("entries", equalTo(3));
        given().auth().oauth2(TestTokens.advocate(linked)).get(LOGS + "/" + entry).then().statusCode(200);

        given().auth().oauth2(TestTokens.advocate(stranger)).queryParam("memberId", member).get(LOGS)
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.advocate(stranger)).queryParam("memberId", member).get(LOGS + "/verify")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.advocate(stranger)).get(LOGS + "/" + entry).then().statusCode(404);
        // An advocate has no trail of their own: memberId is required.
        given().auth().oauth2(TestTokens.advocate(linked)).get(LOGS).then().statusCode(400)
                .body("errors[0].field", equalTo("memberId"));

        // After the member unlinks them, the advocate sees nothing more.
        QuarkusTransaction.requiringNew().run(() -> AdvocateLink.delete("key.memberId = ?1 and key.advocateId = ?2",
                member, linked));
        given().auth().oauth2(TestTokens.advocate(linked)).queryParam("memberId", member).get(LOGS)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.advocate(linked)).get(LOGS + "/" + entry).then().statusCode(404);
    }

    @Test
    void anAdvocateLinkedByOneMemberDoesNotSeeAnother() {
        String linkedMember = memberWithEntries(1);
        String otherMember = memberWithEntries(1);
        String advocate = newAdvocateId();
        storeLink(linkedMember, advocate);
        given().auth().oauth2(TestTokens.advocate(advocate)).queryParam("memberId", otherMember).get(LOGS)
                .then().statusCode(403);
    }

    @Test
    void anAdminSeesAnyMember() {
        String member = memberWithEntries(2);
        String admin = TestTokens.admin("admin-" + UUID.randomUUID());
        given().auth().oauth2(admin).queryParam("memberId", member).get(LOGS).then().statusCode(200)
                .body("items", hasSize(2));
        given().auth().oauth2(admin).queryParam("memberId", member).get(LOGS + "/verify").then().statusCode(200)
                .body("valid", equalTo(true));
        String entry = given().auth().oauth2(admin).queryParam("memberId", member).get(LOGS).path("items[0].id");
        given().auth().oauth2(admin).get(LOGS + "/" + entry).then().statusCode(200);
        given().auth().oauth2(admin).queryParam("memberId", "m-nobody-" + UUID.randomUUID()).get(LOGS + "/verify")
                .then().statusCode(200).body("entries", equalTo(0)).body("valid", equalTo(true))
                .body("firstInvalidSeq", nullValue());
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get(LOGS).then().statusCode(401).contentType(PROBLEM);
        given().get(LOGS + "/verify").then().statusCode(401).contentType(PROBLEM);
        given().get(LOGS + "/" + UUID.randomUUID()).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void unknownEntriesAre404() {
        String token = TestTokens.member(newMemberId());
        given().auth().oauth2(token).get(LOGS + "/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(token).get(LOGS + "/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void entriesCannotBeChangedOrDeletedThroughTheApi() {
        String member = memberWithEntries(1);
        String token = TestTokens.member(member);
        String entry = given().auth().oauth2(token).get(LOGS).path("items[0].id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").put(LOGS + "/" + entry)
                .then().statusCode(405).contentType(PROBLEM);
        given().auth().oauth2(token).delete(LOGS + "/" + entry).then().statusCode(405).contentType(PROBLEM);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").patch(LOGS + "/" + entry)
                .then().statusCode(405).contentType(PROBLEM);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post(LOGS)
                .then().statusCode(405).contentType(PROBLEM);
        given().auth().oauth2(token).delete(LOGS).then().statusCode(405).contentType(PROBLEM);
        // The methods a path does allow are listed by OPTIONS.
        given().auth().oauth2(token).options(LOGS + "/" + entry).then().statusCode(200)
                .header("Allow", containsString("GET"))
                .header("Allow", not(containsString("DELETE")));
    }

    // --- filters and pagination ----------------------------------------------------------------

    @Test
    void filtersByTypeAndOccurredAt() {
        String member = newMemberId();
        Map<String, Object> early = scamCall();
        early.put("occurredAt", "2026-01-01T10:00:00Z");
        Map<String, Object> late = scamCall();
        late.put("occurredAt", "2026-01-02T10:00:00Z");
        postScamCall(member, early).statusCode(201);
        postScamCall(member, late).statusCode(201);
        Map<String, Object> tx = transaction("10.00", 0);
        tx.put("occurredAt", "2026-01-01T12:00:00Z");
        postTransaction(member, tx).statusCode(201);
        String token = TestTokens.member(member);

        given().auth().oauth2(token).queryParam("type", "SCAM_CALL").get(LOGS).then().statusCode(200)
                .body("items.seq", equalTo(List.of(2, 1)));
        given().auth().oauth2(token).queryParam("type", "TRANSACTION").get(LOGS).then().statusCode(200)
                .body("items.seq", equalTo(List.of(3)));
        given().auth().oauth2(token).queryParam("from", "2026-01-01T12:00:00Z").get(LOGS).then().statusCode(200)
                .body("items.seq", equalTo(List.of(3, 2)));
        given().auth().oauth2(token).queryParam("to", "2026-01-01T12:00:00Z").get(LOGS).then().statusCode(200)
                .body("items.seq", equalTo(List.of(1)));
        given().auth().oauth2(token).queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z")
                .queryParam("type", "SCAM_CALL").get(LOGS).then().statusCode(200)
                .body("items.seq", equalTo(List.of(1)));
    }

    @Test
    void badListParametersAre400NamingTheParameter() {
        String token = TestTokens.member(memberWithEntries(1));
        badParameter(token, "limit", "0");
        badParameter(token, "limit", "201");
        badParameter(token, "limit", "abc");
        badParameter(token, "limit", "1.5");
        badParameter(token, "type", "PHONE_CALL");
        badParameter(token, "from", "yesterday");
        badParameter(token, "to", "2026-02-30T00:00:00Z");
        badParameter(token, "cursor", "bm90LW91ci1jdXJzb3I");
        badParameter(token, "cursor", "!!!");
        badParameter(token, "memberId", "x".repeat(65));
        badParameter(token, "memberId", "nul\u0000");
        given().auth().oauth2(token).queryParam("limit", 1).get(LOGS).then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(token).queryParam("limit", 200).get(LOGS).then().statusCode(200);
    }

    @Test
    void aCursorBelongsToOneMembersList() {
        String alice = memberWithEntries(3);
        String admin = TestTokens.admin("admin-x");
        String cursor = given().auth().oauth2(TestTokens.member(alice)).queryParam("limit", 1).get(LOGS).path("nextCursor");
        given().auth().oauth2(admin).queryParam("memberId", memberWithEntries(3)).queryParam("cursor", cursor).get(LOGS)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static void badParameter(String token, String name, String value) {
        given().auth().oauth2(token).queryParam(name, value).get(LOGS)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo(name));
    }

    @Test
    void pagesWalkNewestFirstToTheEnd() {
        String member = memberWithEntries(7);
        String token = TestTokens.member(member);
        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(LOGS);
            assertEquals(200, page.statusCode());
            seqs.addAll(page.path("items.seq"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(List.of(7, 6, 5, 4, 3, 2, 1), seqs);
        assertEquals(3, pages);
        given().auth().oauth2(token).queryParam("limit", 7).get(LOGS).then().body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("limit", 6).get(LOGS).then().body("nextCursor", notNullValue());
    }

    @Test
    void pagingWhileEntriesAreWrittenNeverRepeatsOrSkips() throws Exception {
        String member = memberWithEntries(30);
        String token = TestTokens.member(member);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writing = writer.submit(() -> {
            for (int i = 0; i < 30; i++) {
                postScamCall(member, scamCall()).statusCode(201);
            }
        });
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(LOGS);
            seen.addAll(page.path("items.seq"));
            cursor = page.path("nextCursor");
            Thread.sleep(20);
        } while (cursor != null);
        writing.get();
        writer.shutdown();
        Set<Integer> distinct = new HashSet<>(seen);
        assertEquals(seen.size(), distinct.size(), "no entry is repeated: " + seen);
        int top = seen.get(0);
        assertTrue(top >= 30);
        for (int seq = 1; seq <= top; seq++) {
            assertTrue(distinct.contains(seq), "seq " + seq + " was skipped: " + seen);
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) < seen.get(i - 1), "newest first: " + seen);
        }
    }
}
