package com.aegis.vault.migration;

import com.aegis.vault.legacybills.LegacyBillMigration;
import com.aegis.vault.legacybills.LegacyBillMigrator;

import com.aegis.vault.auditlog.LogType;
import com.aegis.vault.auditlog.SecurityLogEntry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * V4 on a realistic legacy table: the database is brought to V3, the old system's bills are seeded
 * (every status it used, odd currencies, missing descriptions and due dates, members who already
 * have audit entries and members who have none), then V4 runs through Flyway.
 */
abstract class LegacyBillMigrationContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Bill(long id, String memberId, String payee, BigDecimal amount, String currency, LocalDate dueDate,
                String status, String description, Instant createdAt) {
    }

    Vendor db;
    String withHistory;
    String withoutHistory;
    String other;

    abstract Vendor newVendor();

    @BeforeEach
    void createDatabase() {
        db = newVendor();
        String run = UUID.randomUUID().toString().substring(0, 8);
        withHistory = "legacy-with-history-" + run;
        withoutHistory = "legacy-no-history-" + run;
        other = "legacy-other-" + run;
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void everyLegacyBillArrivesIntactWithOneAuditEntryEachAndTheChainsStayValid() throws Exception {
        Flyway toV3 = db.configure().locations("classpath:db/migration/common", "classpath:db/migration/" + db.folder())
                .target("3").load();
        toV3.migrate();
        List<Bill> bills = seed();

        Flyway flyway = db.flyway();
        assertEquals(2, flyway.migrate().migrationsExecuted, "V4, then V5");

        try (Connection c = db.connect()) {
            Map<Long, Map<String, Object>> approvals = approvalsByBill(c);
            assertEquals(bills.size(), approvals.size(), "every legacy bill is linked to an approval");
            for (Bill bill : bills) {
                Map<String, Object> a = approvals.get(bill.id());
                assertEquals("BILL", a.get("kind"));
                assertEquals(bill.memberId(), a.get("member_id"));
                assertEquals(0, bill.amount().compareTo((BigDecimal) a.get("amount")), "amount of bill " + bill.id());
                assertEquals(bill.currency(), a.get("currency"));
                assertEquals(bill.payee(), a.get("payee"));
                assertEquals(bill.description(), a.get("description"));
                assertEquals(bill.dueDate(), a.get("due_date"));
                assertEquals(bill.createdAt(), a.get("created_at"));
                String expected = switch (bill.status()) {
                    case "paid" -> "APPROVED";
                    case "cancelled" -> "REJECTED";
                    default -> "PENDING"; // pending, overdue, and a status the old system never documented
                };
                assertEquals(expected, a.get("status"), "status of legacy '" + bill.status() + "' bill");
                if (expected.equals("PENDING")) {
                    assertNull(a.get("resolved_at"));
                    // The configured expiry: other test classes in this JVM may have shortened it.
                    Duration reviewWindow = LegacyBillMigration.approvalExpiry();
                    assertTrue(((Instant) a.get("expires_at")).isAfter(
                                    Instant.now().plus(reviewWindow).minus(Duration.ofMinutes(5))),
                            "a still-open legacy bill gets a full review window");
                } else {
                    assertNotNull(a.get("resolved_at"));
                    assertEquals("legacy-system", a.get("resolved_by"));
                }
            }

            List<String> members = List.of(withHistory, withoutHistory, other);
            int migratedEntries = 0;
            for (String member : members) {
                assertNull(AuditChains.firstInvalidSeq(c, member), "chain of " + member + " is valid");
                List<SecurityLogEntry> entries = AuditChains.entries(c, member);
                for (SecurityLogEntry e : entries) {
                    if (e.type != LogType.BILL_MIGRATED) {
                        continue;
                    }
                    migratedEntries++;
                    JsonNode details = JSON.readTree(e.details);
                    long billId = details.get("legacyBillId").asLong();
                    Bill bill = bills.stream().filter(b -> b.id() == billId).findFirst().orElseThrow();
                    assertEquals(member, bill.memberId());
                    assertEquals(approvals.get(billId).get("id").toString(), details.get("approvalId").asText());
                    assertEquals(bill.status(), details.get("legacyStatus").asText());
                    assertEquals(bill.amount().setScale(2).toPlainString(), details.get("amount").asText());
                }
            }
            assertEquals(bills.size(), migratedEntries, "exactly one BILL_MIGRATED entry per bill");
            List<SecurityLogEntry> continued = AuditChains.entries(c, withHistory);
            assertEquals(LogType.SCAM_CALL, continued.get(0).type);
            assertEquals(LogType.BILL_MIGRATED, continued.get(2).type, "the member's chain continues after its entries");

            // Running the migration again on the migrated database changes nothing.
            Map<String, Long> before = counts(c);
            c.setAutoCommit(false);
            LegacyBillMigrator.Result again = LegacyBillMigration.migrate(c, Duration.ofHours(72));
            c.commit();
            assertEquals(0, again.migrated());
            assertEquals(before, counts(c));
        }
        assertEquals(0, flyway.migrate().migrationsExecuted);
    }

    private List<Bill> seed() throws Exception {
        List<Bill> bills = new ArrayList<>();
        try (Connection c = db.connect()) {
            // Entries the member already had in the new system before the legacy data arrives.
            AuditChains.append(c, withHistory, LogType.SCAM_CALL,
                    JsonNodeFactory.instance.objectNode().put("callerNumber", "+4915100000000").put("verdict", "BLOCKED"));
            AuditChains.append(c, withHistory, LogType.SCAM_CALL,
                    JsonNodeFactory.instance.objectNode().put("callerNumber", "+4915100000001").put("verdict", "WARNED"));

            Object[][] rows = {
                    {withHistory, "Stadtwerke Gas", "84.20", "EUR", LocalDate.of(2024, 3, 1), "paid", "March gas"},
                    {withHistory, "Telekom", "39.99", "EUR", LocalDate.of(2024, 4, 15), "overdue", null},
                    {withHistory, "Gold Investments Ltd", "12000.00", "XAU", null, "pending", "urgent transfer!"},
                    {withoutHistory, "Tokyo Hotel", "15000", "JPY", LocalDate.of(2025, 1, 31), "cancelled", null},
                    {withoutHistory, "Crypto Recovery", "0.01", "XBT", LocalDate.of(2025, 12, 24), "pending", "tiny"},
                    {withoutHistory, "Water Board", "999999999999.99", "GBP", LocalDate.of(2023, 1, 1), "paid", "max amount"},
                    {withoutHistory, "Unknown", "5.00", "usd", null, "on-hold", null},
                    {other, "Kiosk Müller", "1.50", "CHF", LocalDate.of(2024, 2, 29), "overdue", "quote \" and\nnewline"},
            };
            Instant created = Instant.parse("2021-06-01T08:30:15.123456Z");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pending_bills (member_id, payee, amount, "
                    + "currency, due_date, status, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < rows.length; i++) {
                    Object[] r = rows[i];
                    Instant at = created.plus(Duration.ofDays(i * 37L));
                    insert.setString(1, (String) r[0]);
                    insert.setString(2, (String) r[1]);
                    insert.setBigDecimal(3, new BigDecimal((String) r[2]));
                    insert.setString(4, (String) r[3]);
                    insert.setObject(5, r[4]);
                    insert.setString(6, (String) r[5]);
                    insert.setString(7, (String) r[6]);
                    insert.setObject(8, at.atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        keys.next();
                        bills.add(new Bill(keys.getLong(1), (String) r[0], (String) r[1], new BigDecimal((String) r[2]),
                                (String) r[3], (LocalDate) r[4], (String) r[5], (String) r[6], at));
                    }
                }
            }
        }
        return bills;
    }

    private static Map<Long, Map<String, Object>> approvalsByBill(Connection c) throws Exception {
        Map<Long, Map<String, Object>> byBill = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT b.id AS bill_id, a.* FROM pending_bills b "
                + "JOIN pending_approvals a ON a.id = b.approval_id")) {
            while (rs.next()) {
                Map<String, Object> a = new TreeMap<>();
                a.put("id", rs.getObject("id", UUID.class));
                for (String col : List.of("kind", "member_id", "currency", "payee", "description", "status", "resolved_by")) {
                    a.put(col, rs.getString(col));
                }
                a.put("amount", rs.getBigDecimal("amount"));
                a.put("due_date", rs.getObject("due_date", LocalDate.class));
                a.put("created_at", instant(rs, "created_at"));
                a.put("expires_at", instant(rs, "expires_at"));
                a.put("resolved_at", instant(rs, "resolved_at"));
                byBill.put(rs.getLong("bill_id"), a);
            }
        }
        return byBill;
    }

    private static Instant instant(ResultSet rs, String column) throws Exception {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Map<String, Long> counts(Connection c) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String sql : List.of("SELECT count(*) FROM pending_approvals", "SELECT count(*) FROM security_logs",
                "SELECT sum(last_seq) FROM member_chains", "SELECT count(*) FROM pending_bills WHERE approval_id IS NULL")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                counts.put(sql, rs.getLong(1));
            }
        }
        return counts;
    }
}
