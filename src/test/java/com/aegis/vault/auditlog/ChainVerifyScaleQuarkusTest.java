package com.aegis.vault.auditlog;

import com.aegis.vault.hashing.CanonicalJson;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.aegis.vault.testing.TestTokens;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static com.aegis.vault.testing.ApiFixtures.newMemberId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** verify walks a long chain in batches: 100,000 entries, constant memory, one request. */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ChainVerifyScaleQuarkusTest {

    private static final int ENTRIES = 100_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void verifiesAChainOf100000Entries() throws Exception {
        String member = newMemberId();
        writeChain(member, ENTRIES);
        long started = System.nanoTime();
        given().auth().oauth2(TestTokens.admin("auditor")).queryParam("memberId", member)
                .get("/api/v1/security-logs/verify")
                .then().statusCode(200)
                .body("entries", equalTo(ENTRIES)).body("valid", equalTo(true)).body("firstInvalidSeq", nullValue());
        System.out.printf("verify of %d entries took %d ms%n", ENTRIES, (System.nanoTime() - started) / 1_000_000);
    }

    /** Writes a valid chain straight into the tables (the writer would take minutes for this many). */
    private void writeChain(String member, int n) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String prev = ChainHash.GENESIS;
            Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO security_logs (id, member_id, seq, type, "
                    + "occurred_at, recorded_at, risk_score, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (int seq = 1; seq <= n; seq++) {
                    SecurityLogEntry e = new SecurityLogEntry();
                    e.id = UUID.randomUUID();
                    e.memberId = member;
                    e.seq = seq;
                    e.type = LogType.SCAM_CALL;
                    e.occurredAt = base.plusSeconds(seq);
                    e.recordedAt = base.plusSeconds(seq).plusMillis(1);
                    e.riskScore = seq % 101;
                    ObjectNode details = JsonNodeFactory.instance.objectNode()
                            .put("callerNumber", "+4915112345678").put("verdict", "BLOCKED");
                    e.details = CanonicalJson.write(details);
                    e.prevHash = prev;
                    e.hash = ChainHash.of(e, details);
                    prev = e.hash;
                    insert.setObject(1, e.id);
                    insert.setString(2, member);
                    insert.setLong(3, seq);
                    insert.setString(4, e.type.name());
                    insert.setTimestamp(5, Timestamp.from(e.occurredAt));
                    insert.setTimestamp(6, Timestamp.from(e.recordedAt));
                    insert.setInt(7, e.riskScore);
                    insert.setString(8, e.details);
                    insert.setString(9, e.prevHash);
                    insert.setString(10, e.hash);
                    insert.addBatch();
                    if (seq % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement head = c.prepareStatement(
                    "INSERT INTO member_chains (member_id, last_seq, last_hash) VALUES (?,?,?)")) {
                head.setString(1, member);
                head.setLong(2, n);
                head.setString(3, prev);
                head.executeUpdate();
            }
            c.commit();
        }
    }
}
