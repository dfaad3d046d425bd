package com.aegis.vault.pagination;

import com.aegis.vault.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorTest {

    @Test
    void aCursorGivesBackThePositionItWasIssuedFor() {
        String cursor = Cursor.encode("security-logs", "42", "2026-11-23T21:00:00Z");
        assertArrayEquals(new String[]{"42", "2026-11-23T21:00:00Z"}, Cursor.decode(cursor, "security-logs", 2));
    }

    @Test
    void aCursorIsUrlSafeAndOpaque() {
        String cursor = Cursor.encode("advocates", "2026-11-23T21:00:00.123456Z", "bob/+carol");
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertTrue(!cursor.contains("bob"), "the position is not readable as such");
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String cursor = Cursor.encode("advocates", "2026-11-23T21:00:00Z", "bob");
        assertInvalid(() -> Cursor.decode(cursor, "served-members", 2));
    }

    @Test
    void aCursorWithAnotherNumberOfPartsIsRefused() {
        String cursor = Cursor.encode("security-logs", "42");
        assertInvalid(() -> Cursor.decode(cursor, "security-logs", 2));
    }

    @Test
    void anAlteredOrForgedCursorIsRefused() {
        String cursor = Cursor.encode("security-logs", "42");
        String token = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.replace("42", "43").getBytes(StandardCharsets.UTF_8));
        assertInvalid(() -> Cursor.decode(altered, "security-logs", 1));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("security-logs\u001f43".getBytes(StandardCharsets.UTF_8));
        assertInvalid(() -> Cursor.decode(forged, "security-logs", 1));
    }

    @Test
    void garbageIsRefusedAsACursorNotAsAServerError() {
        for (String garbage : new String[]{"", "x", "not base64!", "%%%", "AAAA"}) {
            assertInvalid(() -> Cursor.decode(garbage, "security-logs", 1));
        }
    }

    @Test
    void typedPartsThatDoNotParseAreRefusedAsACursor() {
        assertEquals(java.time.Instant.parse("2026-11-23T21:00:00Z"), Cursor.instant("2026-11-23T21:00:00Z"));
        assertEquals(42L, Cursor.number("42"));
        assertEquals("0b7c3f9e-8d1a-4c52-9f43-2a6b1e7d5c10", Cursor.uuid("0b7c3f9e-8d1a-4c52-9f43-2a6b1e7d5c10").toString());
        assertInvalid(() -> Cursor.instant("yesterday"));
        assertInvalid(() -> Cursor.number("forty-two"));
        assertInvalid(() -> Cursor.uuid("not-a-uuid"));
    }

    private static void assertInvalid(Runnable decode) {
        ProblemException e = assertThrows(ProblemException.class, decode::run);
        assertEquals(400, e.problem().status);
        assertEquals("cursor", e.problem().errors.get(0).field());
    }
}
