package com.aegis.vault.approval;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.aegis.vault.testing.ApiFixtures.APPROVALS;
import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.bill;
import static com.aegis.vault.testing.ApiFixtures.link;
import static com.aegis.vault.testing.ApiFixtures.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who sees and resolves which approvals: role × endpoint × own / linked / unlinked member. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ApprovalAccessQuarkusTest {

    String member;
    String otherMember;
    String linkedAdvocate;
    String strangerAdvocate;
    String admin;
    String approval;
    String othersApproval;

    @BeforeEach
    void twoMembersOneLinkedAdvocate() {
        member = newUser("m");
        otherMember = newUser("m");
        linkedAdvocate = newUser("a");
        strangerAdvocate = newUser("a");
        admin = newUser("z");
        link(member, linkedAdvocate);
        link(otherMember, strangerAdvocate);
        approval = bill(member);
        othersApproval = bill(otherMember);
    }

    @Test
    void listShowsOwnLinkedOrEverythingByRole() {
        as(TestTokens.member(member)).get(APPROVALS).then().statusCode(200)
                .body("items.id", hasItem(approval)).body("items.memberId", everyItem(equalTo(member)));
        as(TestTokens.advocate(linkedAdvocate)).get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(approval)));
        as(TestTokens.advocate(strangerAdvocate)).get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(othersApproval)));
        // Admins see every member's; memberId narrows it.
        as(TestTokens.admin(admin)).queryParam("memberId", member).get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(approval)));
        as(TestTokens.admin(admin)).queryParam("limit", 200).queryParam("status", "PENDING").get(APPROVALS)
                .then().statusCode(200);
    }

    @Test
    void memberIdFilterIsRefusedForMembersTheCallerMayNotSee() {
        as(TestTokens.member(member)).queryParam("memberId", member).get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(approval)));
        as(TestTokens.member(member)).queryParam("memberId", otherMember).get(APPROVALS).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.advocate(linkedAdvocate)).queryParam("memberId", member).get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(approval)));
        as(TestTokens.advocate(strangerAdvocate)).queryParam("memberId", member).get(APPROVALS).then().statusCode(403);
    }

    @Test
    void readingOneApprovalIs404WhereTheCallerMayNotSeeIt() {
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", approval).then().statusCode(200).body("id", equalTo(approval));
        as(TestTokens.advocate(linkedAdvocate)).get(APPROVALS + "/{id}", approval).then().statusCode(200);
        as(TestTokens.admin(admin)).get(APPROVALS + "/{id}", approval).then().statusCode(200);

        as(TestTokens.member(otherMember)).get(APPROVALS + "/{id}", approval).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as(TestTokens.advocate(strangerAdvocate)).get(APPROVALS + "/{id}", approval).then().statusCode(404);
        // Neither an unknown nor a malformed id tells anything apart from "not yours".
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", UUID.randomUUID()).then().statusCode(404);
        as(TestTokens.member(member)).get(APPROVALS + "/{id}", "not-a-uuid").then().statusCode(404);
        given().get(APPROVALS + "/{id}", approval).then().statusCode(401);
        as(TestTokens.token(newUser("x"), "auditor")).get(APPROVALS + "/{id}", approval).then().statusCode(403);
        as(TestTokens.token(newUser("x"), "auditor")).get(APPROVALS).then().statusCode(403);
    }

    @Test
    void onlyALinkedAdvocateResolves() {
        String approve = "{\"decision\":\"APPROVE\"}";
        as(TestTokens.member(member)).body(approve).post(APPROVALS + "/{id}/resolution", approval).then().statusCode(403);
        as(TestTokens.member(otherMember)).body(approve).post(APPROVALS + "/{id}/resolution", approval).then().statusCode(403);
        as(TestTokens.admin(admin)).body(approve).post(APPROVALS + "/{id}/resolution", approval).then().statusCode(403);
        // An advocate who is also admin can see it, but may not decide for a member who did not link them.
        as(TestTokens.token(admin, "admin", "advocate")).body(approve).post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(403).contentType("application/problem+json");
        // A member who is also an advocate cannot approve their own (nobody can link themself).
        as(TestTokens.token(member, "member", "advocate")).body(approve).post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(403);
        as(TestTokens.advocate(strangerAdvocate)).body(approve).post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(404);
        as(TestTokens.advocate(linkedAdvocate)).body(approve).post(APPROVALS + "/{id}/resolution", UUID.randomUUID())
                .then().statusCode(404);
        given().contentType("application/json").body(approve).post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(401);

        as(TestTokens.advocate(linkedAdvocate)).body(approve).post(APPROVALS + "/{id}/resolution", approval)
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("resolvedBy", equalTo(linkedAdvocate));
    }

    @Test
    void statusFilterAndUnknownStatus() {
        String second = bill(member);
        as(TestTokens.advocate(linkedAdvocate)).body("{\"decision\":\"REJECT\"}")
                .post(APPROVALS + "/{id}/resolution", second).then().statusCode(200);

        as(TestTokens.member(member)).queryParam("status", "PENDING").get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(approval)));
        as(TestTokens.member(member)).queryParam("status", "REJECTED").get(APPROVALS).then().statusCode(200)
                .body("items.id", equalTo(List.of(second)));
        as(TestTokens.member(member)).queryParam("status", "APPROVED").get(APPROVALS).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        for (String bad : List.of("pending", "DONE", "PENDING,APPROVED")) {
            as(TestTokens.member(member)).queryParam("status", bad).get(APPROVALS).then().statusCode(400)
                    .body("errors[0].field", equalTo("status"));
        }
        as(TestTokens.member(member)).queryParam("limit", "0").get(APPROVALS).then().statusCode(400);
        as(TestTokens.member(member)).queryParam("cursor", "garbage").get(APPROVALS).then().statusCode(400);
    }

    @Test
    void anAdvocatePagesThroughAllTheirMembersOldestFirstWhileNewOnesArrive() {
        String thirdMember = newUser("m");
        link(thirdMember, linkedAdvocate);
        List<String> expected = new ArrayList<>(List.of(approval));
        for (int i = 0; i < 4; i++) {
            expected.add(bill(i % 2 == 0 ? thirdMember : member));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(TestTokens.advocate(linkedAdvocate)).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(APPROVALS).then().statusCode(200).extract().response();
            List<String> ids = page.path("items.id");
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            if (seen.size() == 2) {
                // Written while the advocate pages: lands after everything already listed.
                expected.add(bill(thirdMember));
            }
        } while (cursor != null);

        assertEquals(expected, seen);
        as(TestTokens.advocate(linkedAdvocate)).get(APPROVALS).then().statusCode(200)
                .body("items.memberId", hasItems(member, thirdMember))
                .body("items.memberId", not(hasItem(otherMember)));
    }
}
