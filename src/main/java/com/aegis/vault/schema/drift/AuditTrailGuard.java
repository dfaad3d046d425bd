package com.aegis.vault.schema.drift;

import com.aegis.vault.config.AuditTrailGuardConfig;
import com.aegis.vault.schema.FailureMessages;
import com.aegis.vault.schema.SchemaStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the audit trail's guard on a serving pod: the triggers (and their function) that make the database
 * refuse any UPDATE, DELETE or TRUNCATE of security_logs, as this build's newest schema snapshot defines them.
 * Dropped or disabled by hand, the service keeps serving — the API never changes an entry, and every chain
 * still proves tampering — but it raises an alarm an operator cannot miss: an ERROR log line at every check,
 * the gauge {@code aegis_audit_trail_guard_intact} at 0, and the health group {@code /q/health/group/audit-trail}
 * DOWN with the differences. Readiness is deliberately not touched: taking every pod out of the Service would
 * turn a missing safety net into an outage of scam-call and payment protection.
 */
@ApplicationScoped
public class AuditTrailGuard {

    private static final Logger LOG = Logger.getLogger(AuditTrailGuard.class);

    /** The result of a check: intact when there is no problem; {@code note} says what was found. */
    public record State(boolean checked, List<String> problems, String note) {

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    @Inject
    Flyway flyway;

    @Inject
    MeterRegistry registry;

    @Inject
    AuditTrailGuardConfig config;

    private final AtomicReference<State> state = new AtomicReference<>(new State(false, List.of(), "not checked yet"));
    private volatile List<SchemaObject> expected;
    private volatile String head;

    @PostConstruct
    void registerGauge() {
        LOG.debugf("Audit trail guard: checking every %s", config.interval());
        Gauge.builder("aegis_audit_trail_guard_intact", this, guard -> guard.state().intact() ? 1 : 0)
                .description("1 while the database refuses UPDATE/DELETE/TRUNCATE on security_logs (triggers present and enabled), 0 when not")
                .register(registry);
    }

    public State state() {
        return state.get();
    }

    @Scheduled(every = "${aegis.audit-trail-guard.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        check();
    }

    /** Checks now; the health check and the gauge report the result until the next check. */
    public State check() {
        State result;
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection()) {
            if (!LiveSchema.supports(connection)) {
                result = new State(true, List.of(), "not checked: H2 (development) has no append-only trigger");
            } else {
                List<SchemaObject> live = guard(LiveSchema.read(connection, flyway.getConfiguration().getTable()));
                List<String> problems = SchemaDrift.differences(headLabel(), expected(), live).stream()
                        .filter(line -> !line.contains("made by hand")).toList();
                result = new State(true, problems, problems.isEmpty() ? "triggers present and enabled" : "GUARD BROKEN");
            }
        } catch (SQLException | RuntimeException e) {
            // Not knowing is not an alarm of its own: the readiness check reports a database that does not answer.
            LOG.warnf("Audit trail guard: could not check the triggers: %s", FailureMessages.describe(e));
            return state.get();
        }
        state.set(result);
        if (!result.intact()) {
            LOG.errorf("AUDIT TRAIL UNGUARDED: the database no longer refuses changes to security_logs: %s. "
                    + "Restore it (run `drift` for the full list; re-enable or re-create the triggers of V3) and find out who changed it.",
                    String.join("; ", result.problems()));
        }
        return result;
    }

    private List<SchemaObject> expected() {
        if (expected == null) {
            expected = guard(SchemaSnapshots.of(headLabel()).orElse(List.of()));
        }
        return expected;
    }

    private String headLabel() {
        if (head == null) {
            head = SchemaStatus.of(flyway).headLabel();
        }
        return head;
    }

    /** The objects that make up the guard: security_logs' triggers and the functions named after the table. */
    static List<SchemaObject> guard(List<SchemaObject> schema) {
        return schema.stream()
                .filter(o -> (o.kind().equals("trigger") && o.name().startsWith("security_logs."))
                        || (o.kind().equals("function") && o.name().startsWith("security_logs_")))
                .toList();
    }
}
