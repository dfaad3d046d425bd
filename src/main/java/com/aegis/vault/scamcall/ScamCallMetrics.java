package com.aegis.vault.scamcall;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code aegis_scam_calls_logged_total{verdict}}: committed scam calls (a replayed retry is not counted).
 * The counters are looked up once, not built from their name and tags on every call.
 */
@ApplicationScoped
public class ScamCallMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<Verdict, Counter> logged = new EnumMap<>(Verdict.class);

    @PostConstruct
    void register() {
        for (Verdict verdict : Verdict.values()) {
            logged.put(verdict, Counter.builder("aegis.scam.calls.logged")
                    .description("Scam calls recorded in the audit trail (committed), by verdict")
                    .tag("verdict", verdict.name()).register(registry));
        }
    }

    void onLogged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScamCallService.ScamCallLogged event) {
        logged.get(event.verdict()).increment();
    }
}
