package com.aegis.vault.pagination;

import com.aegis.vault.problem.ProblemException;

/**
 * The {@code limit} query parameter of every list endpoint: 1–200, default 50. Taken as text, so that
 * "abc" or "1e3" is a clear 400 naming the parameter instead of JAX-RS's silent 404 on a failed conversion.
 */
public final class PageLimit {

    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private PageLimit() {
    }

    public static int parse(String raw) {
        if (raw == null) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through: not a number is answered like a number out of range
        }
        throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + MAX);
    }
}
