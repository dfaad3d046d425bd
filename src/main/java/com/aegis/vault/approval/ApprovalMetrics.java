package com.aegis.vault.approval;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * Approval counters for /q/metrics. Each counts when its transaction commits, never for work that was
 * rolled back (a CDI event observed AFTER_SUCCESS, as scam calls and transactions are counted); all are
 * registered at start so dashboards see zeros rather than missing series.
 */
@Startup
@ApplicationScoped
public class ApprovalMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Event<Counted> counted;

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
        counted.fire(new Counted(counter));
    }

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Counted event) {
        event.counter().increment();
    }

    /** Fired inside the transaction that did the counted work. */
    record Counted(Counter counter) {
    }
}
