package com.aegis.vault.schema.drift;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serving pod does not stay silent when the audit trail's guard is gone: with the append-only trigger
 * disabled (or dropped) by hand, the next check turns /q/health/group/audit-trail DOWN naming the trigger and
 * sets aegis_audit_trail_guard_intact to 0 — while readiness stays UP, so the service keeps serving.
 */
@QuarkusTest
class AuditTrailGuardTest {

    @Inject
    AuditTrailGuard guard;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void restoreTheGuard() throws Exception {
        execute("ALTER TABLE security_logs ENABLE TRIGGER USER");
        guard.check();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void anIntactGuardIsReportedUp() {
        assertTrue(guard.check().intact());
        given().get("/q/health/group/audit-trail").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.state", equalTo("triggers present and enabled"));
        given().get("/q/metrics").then().body(containsString("aegis_audit_trail_guard_intact 1.0"));
    }

    @Test
    void aDisabledAppendOnlyTriggerRaisesTheAlarmButKeepsThePodReady() throws Exception {
        execute("ALTER TABLE security_logs DISABLE TRIGGER security_logs_no_update_delete");

        AuditTrailGuard.State state = guard.check();

        assertFalse(state.intact());
        given().get("/q/health/group/audit-trail").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.difference1", containsString("trigger security_logs.security_logs_no_update_delete: DISABLED"));
        given().get("/q/metrics").then().body(containsString("aegis_audit_trail_guard_intact 0.0"));
        given().get("/q/health/ready").then().statusCode(200);

        execute("ALTER TABLE security_logs ENABLE TRIGGER security_logs_no_update_delete");
        assertTrue(guard.check().intact(), "the alarm clears once the trigger is back");
        given().get("/q/health/group/audit-trail").then().statusCode(200);
    }

    @Test
    void aDroppedTruncateTriggerRaisesTheAlarm() throws Exception {
        try {
            execute("DROP TRIGGER security_logs_no_truncate ON security_logs");
            assertFalse(guard.check().intact());
            given().get("/q/health/group/audit-trail").then().statusCode(503)
                    .body("checks[0].data.difference1", containsString("security_logs_no_truncate: missing"));
        } finally {
            execute("CREATE TRIGGER security_logs_no_truncate BEFORE TRUNCATE ON security_logs "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION security_logs_refuse_change()");
        }
    }
}
