package com.aegis.vault.pagination;

import com.aegis.vault.problem.ProblemException;

import java.util.List;
import java.util.function.Function;

/**
 * {@code limit} (1-200, default 50) and {@code cursor} of a list request, and how a fetched slice becomes
 * a page. Both are taken as text, so that "abc" or "1e3" is a clear 400 naming the parameter instead of
 * JAX-RS's silent 404 on a failed conversion.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), cursor == null || cursor.isEmpty() ? null : cursor);
    }

    private static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // not a number is answered like a number out of range
        }
        throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** How many rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /**
     * Cuts what was fetched with {@link #fetchSize()} to the page; the next cursor is the position of
     * the page's last item, or null when nothing follows.
     */
    public <T> Page<T> page(List<T> fetched, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }
}
