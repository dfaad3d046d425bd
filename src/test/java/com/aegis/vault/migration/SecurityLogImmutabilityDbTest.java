package com.aegis.vault.migration;

import com.aegis.vault.auditlog.LogType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On PostgreSQL the database itself keeps security_logs append-only, whoever connects and however. */
class SecurityLogImmutabilityDbTest {

    Vendor db;

    @BeforeEach
    void migratedDatabaseWithOneEntry() throws Exception {
        db = Vendor.postgres();
        db.flyway().migrate();
        try (Connection c = db.connect()) {
            AuditChains.append(c, "m-immutable", LogType.SCAM_CALL,
                    JsonNodeFactory.instance.objectNode().put("verdict", "BLOCKED"));
        }
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void updateDeleteAndTruncateAreRefusedByTheDatabase() throws Exception {
        for (String sql : new String[]{
                "UPDATE security_logs SET risk_score = 0",
                "UPDATE security_logs SET details = '{}' WHERE member_id = 'm-immutable'",
                "DELETE FROM security_logs WHERE member_id = 'm-immutable'",
                "DELETE FROM security_logs",
                "TRUNCATE security_logs CASCADE"}) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertTrue(refused.getMessage().contains("security_logs is append-only"), refused.getMessage());
            }
        }
        try (Connection c = db.connect()) {
            assertEquals(null, AuditChains.firstInvalidSeq(c, "m-immutable"));
            assertEquals(1, AuditChains.entries(c, "m-immutable").size());
        }
    }
}
