package com.aegis.vault.database;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TimestampsTest {

    @Test
    void anInstantIsKeptToTheMicrosecondAsTheDatabaseStoresIt() {
        assertEquals(Instant.parse("2026-11-30T13:00:00.123456Z"), Timestamps.stored(Instant.parse("2026-11-30T13:00:00.123456789Z")));
        assertEquals(Instant.parse("2026-11-30T13:00:00Z"), Timestamps.stored(Instant.parse("2026-11-30T13:00:00Z")));
    }

    @Test
    void nowHasNoDigitsBelowTheMicrosecond() {
        Instant now = Timestamps.now();
        assertEquals(0, now.getNano() % 1000);
        assertFalse(now.isAfter(Instant.now()));
    }
}
