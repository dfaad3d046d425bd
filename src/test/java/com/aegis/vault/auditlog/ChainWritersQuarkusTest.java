package com.aegis.vault.auditlog;

import com.aegis.vault.legacybills.LegacyBillMigration;
import com.aegis.vault.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's writer (JPA) and the legacy bill migration (JDBC batches inside Flyway) extend the same chains;
 * interleaved on one member, their entries form one chain that the API's own verification accepts.
 */
@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class ChainWritersQuarkusTest {

    @Inject
    SecurityLogWriter writer;

    @Inject
    ChainVerifier verifier;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void entriesOfTheApiAndOfTheBillMigrationVerifyAsOneChain() throws Exception {
        String member = "m-" + UUID.randomUUID();
        appendThroughTheApi(member, 1);
        migrateALegacyBill(member);
        appendThroughTheApi(member, 2);

        List<SecurityLogEntry> chain = QuarkusTransaction.requiringNew().call(() -> SecurityLogEntry
                .<SecurityLogEntry>list("memberId = ?1 order by seq", member));
        assertEquals(List.of(LogType.SCAM_CALL, LogType.BILL_MIGRATED, LogType.SCAM_CALL),
                chain.stream().map(e -> e.type).toList());
        assertEquals(chain.get(0).hash, chain.get(1).prevHash, "the migration continues the API's chain");
        assertEquals(chain.get(1).hash, chain.get(2).prevHash, "the API continues the migration's chain");

        ChainVerification verification = verifier.verify(member);
        assertTrue(verification.valid(), verification.toString());
        assertEquals(3, verification.entries());
    }

    private void appendThroughTheApi(String member, int n) {
        QuarkusTransaction.requiringNew().run(() -> writer.append(member, LogType.SCAM_CALL, Instant.now(), 50,
                JsonNodeFactory.instance.objectNode().put("callerNumber", "+4915112345678").put("n", n)));
    }

    private void migrateALegacyBill(String member) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement bill = c.prepareStatement("INSERT INTO pending_bills (member_id, payee, amount, "
                    + "currency, status) VALUES (?, 'City Water Ltd', 180.40, 'EUR', 'pending')")) {
                bill.setString(1, member);
                bill.executeUpdate();
            }
            LegacyBillMigration.migrate(c, Duration.ofHours(72));
            c.commit();
        }
    }
}
