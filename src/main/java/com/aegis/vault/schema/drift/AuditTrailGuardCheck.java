package com.aegis.vault.schema.drift;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/audit-trail}: DOWN while the audit trail's guard is broken ({@link AuditTrailGuard}),
 * with one entry per difference. A health group of its own, so it alarms without making the pods unready.
 * Reports the last scheduled check; it queries nothing itself.
 */
@HealthGroup("audit-trail")
@ApplicationScoped
public class AuditTrailGuardCheck implements HealthCheck {

    static final String NAME = "audit trail append-only guard";

    @Inject
    AuditTrailGuard guard;

    @Override
    public HealthCheckResponse call() {
        AuditTrailGuard.State state = guard.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("state", state.note());
        for (int i = 0; i < state.problems().size(); i++) {
            response.withData("difference" + (i + 1), state.problems().get(i));
        }
        return response.status(state.intact()).build();
    }
}
