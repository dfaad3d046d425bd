package com.aegis.vault.advocate;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.bill;
import static com.aegis.vault.testing.ApiFixtures.concurrently;
import static com.aegis.vault.testing.ApiFixtures.count;
import static com.aegis.vault.testing.ApiFixtures.entries;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class AdvocateLinksQuarkusTest {

    private static final String LINKS = "/api/v1/members/me/advocates";

    @Test
    void firstLinkIs201ThenRepeatsAre200AndLogNothing() {
        String member = newUser("m");
        String advocate = newUser("a");

        String linkedAt = as(TestTokens.member(member)).put(LINKS + "/{a}", advocate)
                .then().statusCode(201)
                .body("memberId", equalTo(member))
                .body("advocateId", equalTo(advocate))
                .body("linkedAt", notNullValue())
                .extract().path("linkedAt");
        as(TestTokens.member(member)).put(LINKS + "/{a}", advocate)
                .then().statusCode(200)
                .body("memberId", equalTo(member))
                .body("advocateId", equalTo(advocate))
                .body("linkedAt", equalTo(linkedAt));

        List<SecurityLogEntry> linked = entries(member, LogType.ADVOCATE_LINKED);
        assertEquals(1, linked.size());
        assertEquals("{\"advocateId\":\"" + advocate + "\"}", linked.get(0).details);
    }

    @Test
    void twoIdenticalLinksAtOnceMakeOneLinkAndOneLogEntry() throws Exception {
        String member = newUser("m");
        String advocate = newUser("a");
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> as(TestTokens.member(member)).put(LINKS + "/{a}", advocate).statusCode());
        }
        List<Integer> statuses = concurrently(tasks);

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(1, count(member, LogType.ADVOCATE_LINKED));
    }

    @Test
    void concurrentUnlinksRemoveOnceAndLogOnce() throws Exception {
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> as(TestTokens.member(member)).delete(LINKS + "/{a}", advocate).statusCode());
        }
        List<Integer> statuses = concurrently(tasks);

        assertEquals(List.of(204, 204, 204, 204, 204, 204, 204, 204), statuses);
        assertEquals(1, count(member, LogType.ADVOCATE_UNLINKED));
    }

    @Test
    void linkingYourselfIs400AndLogsNothing() {
        String member = newUser("m");
        as(TestTokens.member(member)).put(LINKS + "/{a}", member)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("advocateId"));
        assertEquals(0, count(member, LogType.ADVOCATE_LINKED));
    }

    @Test
    void advocateIdIsAUserIdOf1To64Characters() {
        String member = newUser("m");
        as(TestTokens.member(member)).put(LINKS + "/{a}", "a".repeat(64)).then().statusCode(201);
        as(TestTokens.member(member)).put(LINKS + "/{a}", "a".repeat(65))
                .then().statusCode(400).body("errors[0].field", equalTo("advocateId"));
        // PostgreSQL cannot store NUL: refused up front, never a 500.
        as(TestTokens.member(member)).urlEncodingEnabled(false).put(LINKS + "/a%00b")
                .then().statusCode(400).body("errors[0].field", equalTo("advocateId"));
        as(TestTokens.member(member)).urlEncodingEnabled(false).delete(LINKS + "/a%00b").then().statusCode(400);
        as(TestTokens.member(member)).urlEncodingEnabled(false).queryParam("memberId", "a%00b").get(APPROVALS)
                .then().statusCode(400).body("errors[0].field", equalTo("memberId"));
        as(TestTokens.admin(member)).queryParam("memberId", "m".repeat(65)).get(APPROVALS)
                .then().statusCode(400).body("errors[0].field", equalTo("memberId"));
    }

    @Test
    void unlinkIs204EvenWithoutALinkAndLogsOnlyARealRemoval() {
        String member = newUser("m");
        String advocate = newUser("a");
        as(TestTokens.member(member)).delete(LINKS + "/{a}", advocate).then().statusCode(204);
        assertEquals(0, count(member, LogType.ADVOCATE_UNLINKED));

        link(member, advocate);
        as(TestTokens.member(member)).delete(LINKS + "/{a}", advocate).then().statusCode(204);
        as(TestTokens.member(member)).delete(LINKS + "/{a}", advocate).then().statusCode(204);

        List<SecurityLogEntry> unlinked = entries(member, LogType.ADVOCATE_UNLINKED);
        assertEquals(1, unlinked.size());
        assertEquals("{\"advocateId\":\"" + advocate + "\"}", unlinked.get(0).details);
        as(TestTokens.member(member)).get(LINKS).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void afterUnlinkTheAdvocateSeesAndResolvesNothingOfTheMember() {
        String member = newUser("m");
        String advocate = newUser("a");
        link(member, advocate);
        String approval = bill(member);
        as(TestTokens.advocate(advocate)).get(APPROVALS).then().statusCode(200).body("items.id", hasItem(approval));

        as(TestTokens.member(member)).delete(LINKS + "/{a}", advocate).then().statusCode(204);

        as(TestTokens.advocate(advocate)).get(APPROVALS).then().statusCode(200).body("items.id", not(hasItem(approval)));
        as(TestTokens.advocate(advocate)).queryParam("memberId", member).get(APPROVALS).then().statusCode(403);
        as(TestTokens.advocate(advocate)).get(APPROVALS + "/{id}", approval).then().statusCode(404);
        as(TestTokens.advocate(advocate)).body("{\"decision\":\"APPROVE\"}")
                .post(APPROVALS + "/{id}/resolution", approval).then().statusCode(404);
        as(TestTokens.advocate(advocate)).get("/api/v1/advocates/me/members")
                .then().statusCode(200).body("items.memberId", not(hasItem(member)));
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", approval).then().statusCode(200).body("status", equalTo("PENDING"));
    }

    @Test
    void listsArePaginatedOldestLinkFirstWithoutRepeats() {
        String member = newUser("m");
        List<String> advocates = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String advocate = newUser("a" + i);
            advocates.add(advocate);
            link(member, advocate);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(TestTokens.member(member)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(LINKS).then().statusCode(200).extract().response();
            seen.addAll(page.path("items.advocateId"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(advocates, seen);
        assertEquals(3, pages);
    }

    @Test
    void badPagingParametersAre400() {
        String member = newUser("m");
        for (String limit : List.of("0", "201", "abc", "1.5")) {
            as(TestTokens.member(member)).queryParam("limit", limit).get(LINKS)
                    .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        }
        as(TestTokens.member(member)).queryParam("limit", 200).get(LINKS).then().statusCode(200)
                .body("nextCursor", nullValue());
        as(TestTokens.member(member)).queryParam("cursor", "bm90LW91cnM").get(LINKS)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void anAdvocateListsTheMembersWhoLinkedThem() {
        String advocate = newUser("a");
        String first = newUser("m1");
        String second = newUser("m2");
        link(first, advocate);
        link(second, advocate);
        as(TestTokens.advocate(advocate)).get("/api/v1/advocates/me/members")
                .then().statusCode(200)
                .body("items.memberId", equalTo(List.of(first, second)))
                .body("items.advocateId", equalTo(List.of(advocate, advocate)));
        as(TestTokens.member(first)).get("/api/v1/advocates/me/members").then().statusCode(403);
    }

    @Test
    void onlyMembersManageLinks() {
        String advocate = newUser("a");
        as(TestTokens.advocate(advocate)).put(LINKS + "/{a}", newUser("x")).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        as(TestTokens.admin(newUser("z"))).delete(LINKS + "/{a}", newUser("x")).then().statusCode(403);
        as(TestTokens.advocate(advocate)).get(LINKS).then().statusCode(403);
        given().put(LINKS + "/{a}", advocate).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().get(LINKS).then().statusCode(401);
    }
}
