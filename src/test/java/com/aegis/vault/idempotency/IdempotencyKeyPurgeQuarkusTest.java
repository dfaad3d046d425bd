package com.aegis.vault.idempotency;

import com.aegis.vault.testing.PostgresTestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class IdempotencyKeyPurgeQuarkusTest {

    @Inject
    IdempotencyKeyPurge purge;

    @Test
    void thePurgeDeletesKeysPastTheirRetention() {
        String fresh = "fresh-" + UUID.randomUUID();
        String old = "old-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String key : List.of(fresh, old)) {
                Instant createdAt = key.equals(old) ? Instant.now().minus(Duration.ofHours(25)) : Instant.now();
                IdempotencyRecord.getEntityManager().createNativeQuery(
                                "INSERT INTO idempotency_keys (caller_id, endpoint, idempotency_key, request_hash, created_at) "
                                        + "VALUES ('purge-test', 'POST /api/v1/approvals', ?1, 'h', ?2)")
                        .setParameter(1, key).setParameter(2, createdAt).executeUpdate();
            }
        });
        assertTrue(purge.purge() >= 1);
        long left = QuarkusTransaction.requiringNew().call(() -> IdempotencyRecord
                .count("key.callerId = 'purge-test' and key.idempotencyKey in (?1, ?2)", fresh, old));
        assertEquals(1, left, "only the fresh key stays");
    }
}
