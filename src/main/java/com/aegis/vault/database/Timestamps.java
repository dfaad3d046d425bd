package com.aegis.vault.database;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The database keeps timestamps to the microsecond. An instant that is stored and also hashed, returned or
 * compared before it is read back is truncated the same way first, so that what was said is what is stored.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** Now, as the database will store it. */
    public static Instant now() {
        return stored(Instant.now());
    }

    /** {@code instant} as the database will store it. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
