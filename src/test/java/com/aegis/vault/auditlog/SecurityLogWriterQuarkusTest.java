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
}
