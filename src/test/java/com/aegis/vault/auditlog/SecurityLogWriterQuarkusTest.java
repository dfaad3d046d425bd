package com.aegis.vault.auditlog;

import com.aegis.vault.testing.PostgresTestDatabase;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
@WithTestResource(PostgresTestDatabase.class)
class SecurityLogWriterQuarkusTest {

    @Inject
    SecurityLogWriter writer;

    @Test
    void concurrentAppendsForOneMemberFormAGaplessChain() throws Exception {
        String member = "m-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> writer.append(member,
                    LogType.SCAM_CALL, Instant.now(), n % 101,
                    JsonNodeFactory.instance.objectNode().put("n", n)))));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        List<SecurityLogEntry> chain = QuarkusTransaction.requiringNew().call(() ->
                SecurityLogEntry.<SecurityLogEntry>list("memberId = ?1 order by seq", member));
        assertEquals(40, chain.size());
        String prev = ChainHash.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            SecurityLogEntry entry = chain.get(i);
            assertEquals(i + 1, entry.seq);
            assertEquals(prev, entry.prevHash);
            assertEquals(ChainHash.of(entry, new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry.details)),
                    entry.hash);
            prev = entry.hash;
        }
    }

    @Test
    void anAppendIsPartOfTheCallersTransactionAndGoesWithItsRollback() {
        String member = "m-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> append(member, 1));
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            append(member, 2);
            throw new IllegalStateException("the caller's own work failed after the append");
        }));
        SecurityLogEntry third = QuarkusTransaction.requiringNew().call(() -> append(member, 3));

        assertEquals(2, third.seq, "the rolled-back entry left no gap");
        List<Long> seqs = QuarkusTransaction.requiringNew().call(() ->
                SecurityLogEntry.<SecurityLogEntry>list("memberId = ?1 order by seq", member).stream()
                        .map(e -> e.seq).toList());
        assertEquals(List.of(1L, 2L), seqs);
        MemberChain head = QuarkusTransaction.requiringNew().call(() -> MemberChain.findById(member));
        assertEquals(2, head.lastSeq);
        assertEquals(third.hash, head.lastHash);
    }

    private SecurityLogEntry append(String member, int n) {
        return writer.append(member, LogType.SCAM_CALL, Instant.now(), null, JsonNodeFactory.instance.objectNode().put("n", n));
    }
}
