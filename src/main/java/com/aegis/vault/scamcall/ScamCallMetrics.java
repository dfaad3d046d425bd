package com.aegis.vault.scamcall;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** {@code aegis_scam_calls_logged_total{verdict}}: committed scam calls (a replayed retry is not counted). */
@ApplicationScoped
public class ScamCallMetrics {

    @Inject
    MeterRegistry registry;

    void onLogged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScamCallService.ScamCallLogged event) {
        Counter.builder("aegis.scam.calls.logged")
                .description("Scam calls recorded in the audit trail (committed), by verdict")
                .tag("verdict", event.verdict().name()).register(registry).increment();
    }
}
