package com.aegis.vault.transaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** {@code aegis_transactions_logged_total{held}}: committed transactions, held or not (counters looked up once). */
@ApplicationScoped
public class TransactionMetrics {

    @Inject
    MeterRegistry registry;

    private Counter held;
    private Counter passed;

    @PostConstruct
    void register() {
        held = counter(true);
        passed = counter(false);
    }

    private Counter counter(boolean isHeld) {
        return Counter.builder("aegis.transactions.logged")
                .description("Transactions recorded in the audit trail (committed), by whether they were held")
                .tag("held", Boolean.toString(isHeld)).register(registry);
    }

    void onLogged(@Observes(during = TransactionPhase.AFTER_SUCCESS) TransactionService.TransactionLogged event) {
        (event.held() ? held : passed).increment();
    }
}
