package com.aegis.vault.scamcall;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static com.aegis.vault.testing.ApiFixtures.as;
import static com.aegis.vault.testing.ApiFixtures.newMemberId;
import static com.aegis.vault.testing.ApiFixtures.postScamCall;
import static com.aegis.vault.testing.ApiFixtures.scamCall;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ScamCallResourceQuarkusTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void logsAScamCallAsTheFirstEntryOfTheChain() {
        String member = newMemberId();
        Map<String, Object> body = scamCall();
        postScamCall(member, body)
                .statusCode(201).contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("memberId", equalTo(member))
                .body("seq", equalTo(1))
                .body("type", equalTo("SCAM_CALL"))
                .body("occurredAt", equalTo(body.get("occurredAt")))
                .body("riskScore", equalTo(85))
                .body("details.callerNumber", equalTo("+4915112345678"))
                .body("details.durationSeconds", equalTo(42))
                .body("details.verdict", equalTo("BLOCKED"))
                .body("details.notes", equalTo("Claimed to be the bank"))
                .body("details", not(hasKey("riskScore")))
                .body("prevHash", equalTo("0".repeat(64)))
                .body("hash", matchesPattern("[0-9a-f]{64}"));
        postScamCall(member, body).statusCode(201).body("seq", equalTo(2));
    }

    @Test
    void absentOptionalFieldsAreOmittedFromDetails() {
        Map<String, Object> body = scamCall();
        body.remove("durationSeconds");
        body.remove("notes");
        body.put("aFieldFromANewerApp", "ignored");
        postScamCall(newMemberId(), body).statusCode(201)
                .body("details", not(hasKey("durationSeconds")))
                .body("details", not(hasKey("notes")))
                .body("details", not(hasKey("aFieldFromANewerApp")));
    }

    // --- the validation table of API.md, field by field ---------------------------------------

    @Test
    void callerNumberMustBeE164() {
        valid(b -> b.put("callerNumber", "+12345678"));          // 8 digits
        valid(b -> b.put("callerNumber", "+123456789012345"));   // 15 digits
        invalid("callerNumber", b -> b.put("callerNumber", "+1234567"));
        invalid("callerNumber", b -> b.put("callerNumber", "+1234567890123456"));
        invalid("callerNumber", b -> b.put("callerNumber", "4915112345678"));
        invalid("callerNumber", b -> b.put("callerNumber", "+49 151 1234567"));
        invalid("callerNumber", b -> b.put("callerNumber", "+49151abc45678"));
        invalid("callerNumber", b -> b.put("callerNumber", 4915112345678L));
        invalid("callerNumber", b -> b.remove("callerNumber"));
    }

    @Test
    void occurredAtMayBeAtMostFiveMinutesAhead() {
        valid(b -> b.put("occurredAt", Instant.now().plusSeconds(4 * 60 + 59).toString()));
        invalid("occurredAt", b -> b.put("occurredAt", Instant.now().plusSeconds(5 * 60 + 1).toString()),
                "must not be more than 5 minutes in the future");
        valid(b -> b.put("occurredAt", "2026-01-31T13:00:00+01:00"));
        invalid("occurredAt", b -> b.put("occurredAt", "yesterday"));
        invalid("occurredAt", b -> b.put("occurredAt", "2026-01-31"));
        invalid("occurredAt", b -> b.put("occurredAt", "2026-13-01T00:00:00Z"));
        invalid("occurredAt", b -> b.put("occurredAt", 1700000000));
        invalid("occurredAt", b -> b.put("occurredAt", "1969-12-31T23:59:59Z"));
        invalid("occurredAt", b -> b.remove("occurredAt"));
    }

    @Test
    void durationSecondsIsOptionalFrom0To86400() {
        valid(b -> b.put("durationSeconds", 0));
        valid(b -> b.put("durationSeconds", 86400));
        valid(b -> b.remove("durationSeconds"));
        invalid("durationSeconds", b -> b.put("durationSeconds", -1));
        invalid("durationSeconds", b -> b.put("durationSeconds", 86401));
        invalid("durationSeconds", b -> b.put("durationSeconds", 1.5));
    }

    @Test
    void riskScoreIsAnIntegerFrom0To100NeverRounded() {
        valid(b -> b.put("riskScore", 0));
        valid(b -> b.put("riskScore", 100));
        invalid("riskScore", b -> b.put("riskScore", -1));
        invalid("riskScore", b -> b.put("riskScore", 101));
        invalid("riskScore", b -> b.put("riskScore", 50.5), "must be an integer");
        invalid("riskScore", b -> b.put("riskScore", 50.0), "must be an integer");
        invalid("riskScore", b -> b.put("riskScore", new java.math.BigInteger("123456789012345678901234567890")));
        invalid("riskScore", b -> b.put("riskScore", "abc"));
        invalid("riskScore", b -> b.put("riskScore", "50"));
        invalid("riskScore", b -> b.remove("riskScore"));
    }

    @Test
    void verdictIsOneOfFourValues() {
        for (String verdict : List.of("BLOCKED", "WARNED", "ALLOWED", "REPORTED")) {
            valid(b -> b.put("verdict", verdict));
        }
        invalid("verdict", b -> b.put("verdict", "IGNORED"), "must be one of BLOCKED, WARNED, ALLOWED, REPORTED");
        invalid("verdict", b -> b.put("verdict", "blocked"));
        invalid("verdict", b -> b.put("verdict", 0));
        invalid("verdict", b -> b.remove("verdict"));
    }

    @Test
    void notesHoldAtMost1000Characters() {
        valid(b -> b.put("notes", "n".repeat(1000)));
        valid(b -> b.put("notes", "\uD83D\uDCDE".repeat(1000))); // 1000 emoji are 1000 characters
        invalid("notes", b -> b.put("notes", "n".repeat(1001)), "must be at most 1000 characters long");
        invalid("notes", b -> b.put("notes", "nul\u0000char"));
    }

    @Test
    void everyFailedFieldIsListed() {
        as(TestTokens.member(newMemberId()))
                .body("{\"callerNumber\":\"x\",\"occurredAt\":\"2026-01-31T12:00:00Z\",\"riskScore\":101,\"verdict\":\"BLOCKED\"}")
                .post("/api/v1/scam-calls")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("callerNumber", "riskScore")));
    }

    @Test
    void malformedJsonIs400() {
        as(TestTokens.member(newMemberId())).body("{\"callerNumber\":").post("/api/v1/scam-calls")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/malformed-json"));
    }

    @Test
    void onlyMembersLogScamCalls() {
        given().contentType(ContentType.JSON).body(scamCall()).post("/api/v1/scam-calls")
                .then().statusCode(401).contentType(PROBLEM);
        as(TestTokens.advocate("a-" + UUID.randomUUID())).body(scamCall()).post("/api/v1/scam-calls")
                .then().statusCode(403).contentType(PROBLEM);
        as(TestTokens.admin("admin-1")).body(scamCall()).post("/api/v1/scam-calls")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void nonJsonBodiesAre415AndHugeOnes413() {
        given().auth().oauth2(TestTokens.member(newMemberId())).contentType("text/plain").body("hello")
                .post("/api/v1/scam-calls").then().statusCode(415).contentType(PROBLEM);
        Map<String, Object> body = scamCall();
        body.put("notes", "x".repeat(65 * 1024));
        postScamCall(newMemberId(), body).statusCode(413).contentType(PROBLEM);
    }

    @Test
    void getIsNotAllowedOnTheCollection() {
        given().auth().oauth2(TestTokens.member(newMemberId())).get("/api/v1/scam-calls")
                .then().statusCode(405).contentType(PROBLEM);
    }

    // --- Idempotency-Key ----------------------------------------------------------------------

    @Test
    void aRetryWithTheSameKeyAnswersTheSameAndLogsOnce() {
        String member = newMemberId();
        Map<String, Object> body = scamCall();
        String key = "call-" + UUID.randomUUID();
        Response first = as(TestTokens.member(member)).header("Idempotency-Key", key).body(body).post("/api/v1/scam-calls");
        Response retry = as(TestTokens.member(member)).header("Idempotency-Key", key)
                .body("{ \"verdict\":\"BLOCKED\", " + jsonWithout(body, "verdict") + " }") // same JSON, other order
                .post("/api/v1/scam-calls");
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.asString(), retry.asString());
        assertEquals(1, entriesOf(member));

        as(TestTokens.member(member)).header("Idempotency-Key", key).body(scamCall()).post("/api/v1/scam-calls");
        Map<String, Object> other = scamCall();
        other.put("verdict", "WARNED");
        as(TestTokens.member(member)).header("Idempotency-Key", key).body(other).post("/api/v1/scam-calls")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/idempotency-key-reused"));
        assertEquals(1, entriesOf(member));
    }

    @Test
    void keysBelongToOneCaller() {
        String key = "shared-" + UUID.randomUUID();
        Map<String, Object> body = scamCall();
        String alice = newMemberId();
        String bob = newMemberId();
        as(TestTokens.member(alice)).header("Idempotency-Key", key).body(body).post("/api/v1/scam-calls")
                .then().statusCode(201).body("memberId", equalTo(alice));
        as(TestTokens.member(bob)).header("Idempotency-Key", key).body(body).post("/api/v1/scam-calls")
                .then().statusCode(201).body("memberId", equalTo(bob));
    }

    @Test
    void invalidKeysAre400() {
        as(TestTokens.member(newMemberId())).header("Idempotency-Key", "k".repeat(129)).body(scamCall())
                .post("/api/v1/scam-calls")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void twoIdenticalRequestsAtOnceLogOnce() throws Exception {
        concurrentDuplicates(2);
    }

    @Test
    void tenIdenticalRequestsAtOnceLogOnce() throws Exception {
        concurrentDuplicates(10);
    }

    private void concurrentDuplicates(int n) throws Exception {
        String member = newMemberId();
        String token = TestTokens.member(member);
        Map<String, Object> body = scamCall();
        String key = "race-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> {
                start.await();
                return as(token).header("Idempotency-Key", key).body(body).post("/api/v1/scam-calls");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            for (Future<Response> future : futures) {
                Response response = future.get();
                assertEquals(201, response.statusCode(), response.asString());
                bodies.add(response.asString());
            }
            assertEquals(1, bodies.size(), "every duplicate answers the same body");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, entriesOf(member));
    }

    @Test
    void fiftyConcurrentCallsFormAGaplessValidChain() throws Exception {
        String member = newMemberId();
        String token = TestTokens.member(member);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                Map<String, Object> body = scamCall();
                body.put("riskScore", n);
                return as(token).body(body).post("/api/v1/scam-calls").then().statusCode(201)
                        .extract().<Integer>path("seq");
            }));
        }
        start.countDown();
        Set<Integer> seqs = new HashSet<>();
        for (Future<Integer> future : futures) {
            seqs.add(future.get());
        }
        pool.shutdown();
        Set<Integer> expected = new HashSet<>();
        for (int i = 1; i <= 50; i++) {
            expected.add(i);
        }
        assertEquals(expected, seqs);
        given().auth().oauth2(token).get("/api/v1/security-logs/verify")
                .then().statusCode(200)
                .body("entries", equalTo(50)).body("valid", equalTo(true)).body("firstInvalidSeq", nullValue());
    }

    @Test
    void committedCallsAreCountedByVerdict() {
        postScamCall(newMemberId(), scamCall()).statusCode(201);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("aegis_scam_calls_logged_total{verdict=\"BLOCKED\"}"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private static int entriesOf(String member) {
        return given().auth().oauth2(TestTokens.member(member)).get("/api/v1/security-logs")
                .then().statusCode(200).extract().path("items.size()");
    }

    private static String jsonWithout(Map<String, Object> body, String field) {
        StringBuilder out = new StringBuilder();
        body.forEach((k, v) -> {
            if (!k.equals(field)) {
                if (!out.isEmpty()) {
                    out.append(", ");
                }
                out.append('"').append(k).append("\": ").append(v instanceof String ? "\"" + v + "\"" : v);
            }
        });
        return out.toString();
    }

    private static void valid(Consumer<Map<String, Object>> change) {
        Map<String, Object> body = scamCall();
        change.accept(body);
        postScamCall(newMemberId(), body).statusCode(201);
    }

    private static void invalid(String field, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = scamCall();
        change.accept(body);
        postScamCall(newMemberId(), body).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://aegis.example/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    private static void invalid(String field, Consumer<Map<String, Object>> change, String message) {
        Map<String, Object> body = scamCall();
        change.accept(body);
        postScamCall(newMemberId(), body).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }
}
