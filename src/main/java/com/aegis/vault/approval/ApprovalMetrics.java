package com.aegis.vault.approval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * Approval counters for /q/metrics. Each counts when its transaction commits, never for work that was
 * rolled back; all are registered at start so dashboards see zeros rather than missing series.
 */
@Startup
@ApplicationScoped
public class ApprovalMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<Decision, Counter> resolved = new EnumMap<>(Decision.class);
    private final Map<ApprovalKind, Counter> expired = new EnumMap<>(ApprovalKind.class);
    private Counter billRequests;

    @PostConstruct
    void register() {
        for (Decision decision : Decision.values()) {
            resolved.put(decision, Counter.builder("aegis.approvals.resolved")
                    .description("Approvals resolved by a Trusted Advocate")
                    .tag("decision", decision.name()).register(registry));
        }
        for (ApprovalKind kind : ApprovalKind.values()) {
            expired.put(kind, Counter.builder("aegis.approvals.expired")
                    .description("PENDING approvals that reached expiresAt unresolved")
                    .tag("kind", kind.name()).register(registry));
        }
        billRequests = Counter.builder("aegis.approvals.bill.requests")
                .description("Bill reviews requested by members").register(registry);
    }

    void resolved(Decision decision) {
        afterCommit(resolved.get(decision));
    }

    void expired(ApprovalKind kind) {
        afterCommit(expired.get(kind));
    }

    void billRequested() {
        afterCommit(billRequests);
    }

    private void afterCommit(Counter counter) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }
}
