package com.aegis.vault.auditlog;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.aegis.vault.testing.ApiFixtures.newMemberId;
import static com.aegis.vault.testing.ApiFixtures.postScamCall;
import static com.aegis.vault.testing.ApiFixtures.postTransaction;
import static com.aegis.vault.testing.ApiFixtures.scamCall;
import static com.aegis.vault.testing.ApiFixtures.transaction;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail resists and reveals tampering: the database refuses changes, and a change made by
 * someone who switched that off is found by {@code verify} and by the independent auditor script.
 */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ChainTamperQuarkusTest {

    private static final String LOGS = "/api/v1/security-logs";
    private static final Path SCRIPT = Path.of("docs/verify_chain.py");

    @Inject
    AgroalDataSource dataSource;

    /** Five entries of all kinds, with text an auditor's canonicaliser must get exactly right. */
    private static String memberWithVariedEntries() {
        String member = newMemberId();
        Map<String, Object> tricky = scamCall();
        tricky.put("notes", "Quote \" backslash \\ tab \t newline \n bell \u0007 DEL \u007f é ü 日本 \uD83D\uDCDE \u2028 </script>");
        postScamCall(member, tricky).statusCode(201);
        Map<String, Object> minimal = scamCall();
        minimal.remove("notes");
        minimal.remove("durationSeconds");
        postScamCall(member, minimal).statusCode(201);
        postTransaction(member, transaction("12.5", 5)).statusCode(201);
        postTransaction(member, transaction("1250.00", 5)).statusCode(201); // held: TRANSACTION + APPROVAL_REQUESTED
        return member;
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletes() throws SQLException {
        String member = memberWithVariedEntries();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE security_logs SET risk_score = 0 WHERE member_id = '" + member + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "DELETE FROM security_logs WHERE member_id = '" + member + "'"));
        }
    }

    @Test
    void verifyNamesTheSeqOfAnAlteredEntry() throws Exception {
        String member = memberWithVariedEntries();
        String token = TestTokens.member(member);
        given().auth().oauth2(token).get(LOGS + "/verify").then().statusCode(200)
                .body("memberId", equalTo(member)).body("entries", equalTo(5))
                .body("valid", equalTo(true)).body("firstInvalidSeq", equalTo(null));
        assertEquals(0, runAuditor("--base-url", baseUrl(), "--token", token).exitCode);

        tamper("UPDATE security_logs SET details = replace(details, '\"BLOCKED\"', '\"ALLOWED\"') "
                + "WHERE member_id = ? AND seq = 2", member);

        given().auth().oauth2(token).get(LOGS + "/verify").then().statusCode(200)
                .body("entries", equalTo(5)).body("valid", equalTo(false)).body("firstInvalidSeq", equalTo(2));
        Outcome auditor = runAuditor("--base-url", baseUrl(), "--token", token);
        assertEquals(1, auditor.exitCode, auditor.output);
        assertTrue(auditor.output.contains("first invalid seq 2"), auditor.output);
    }

    @Test
    void verifyNamesAMissingEntryAndAMissingTail() throws Exception {
        String member = memberWithVariedEntries();
        String token = TestTokens.member(member);
        tamper("DELETE FROM security_logs WHERE member_id = ? AND seq = 5", member);
        given().auth().oauth2(token).get(LOGS + "/verify").then().statusCode(200)
                .body("entries", equalTo(4)).body("valid", equalTo(false)).body("firstInvalidSeq", equalTo(5));
        tamper("DELETE FROM security_logs WHERE member_id = ? AND seq = 3", member);
        given().auth().oauth2(token).get(LOGS + "/verify").then().statusCode(200)
                .body("valid", equalTo(false)).body("firstInvalidSeq", equalTo(3));
    }

    @Test
    void verifyNamesARelinkedEntry() throws Exception {
        String member = memberWithVariedEntries();
        // Rewriting an entry's hash to match its altered content breaks the next entry's link instead.
        tamper("UPDATE security_logs SET risk_score = 1, hash = repeat('a', 64) WHERE member_id = ? AND seq = 4", member);
        given().auth().oauth2(TestTokens.member(member)).get(LOGS + "/verify").then()
                .body("valid", equalTo(false)).body("firstInvalidSeq", equalTo(4));
    }

    @Test
    void theAuditorScriptRecomputesTheChainFromSavedPagesAndSpotsAnEdit() throws Exception {
        String member = memberWithVariedEntries();
        String token = TestTokens.member(member);
        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(LOGS);
            pages.add(page.asString());
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(3, pages.size());
        String saved = "[" + String.join(",", pages) + "]";

        Path file = Files.createTempFile("chain", ".json");
        Files.writeString(file, saved, StandardCharsets.UTF_8);
        Outcome intact = runAuditor("--input", file.toString());
        assertEquals(0, intact.exitCode, intact.output);
        assertTrue(intact.output.startsWith("OK: member " + member + ", 5 entries"), intact.output);

        // An auditor's copy in which someone raised an amount is caught at that entry.
        Files.writeString(file, saved.replace("\"amount\":\"12.50\"", "\"amount\":\"12.51\""), StandardCharsets.UTF_8);
        Outcome edited = runAuditor("--input", file.toString());
        assertEquals(1, edited.exitCode, edited.output);
        assertTrue(edited.output.contains("first invalid seq 3"), edited.output);
        Files.delete(file);
    }

    private void tamper(String sql, String member) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE security_logs DISABLE TRIGGER security_logs_no_update_delete");
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setString(1, member);
                    assertEquals(1, p.executeUpdate());
                }
                s.execute("ALTER TABLE security_logs ENABLE TRIGGER security_logs_no_update_delete");
            }
            c.commit();
        }
    }

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    record Outcome(int exitCode, String output) {
    }

    static Outcome runAuditor(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the auditor script finishes");
        return new Outcome(process.exitValue(), output);
    }
}
