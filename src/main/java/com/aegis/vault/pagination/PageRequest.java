package com.aegis.vault.pagination;

import com.aegis.vault.problem.ProblemException;

import java.util.List;
import java.util.function.Function;

/**
 * {@code limit} (1-200, default 50) and {@code cursor} of a list request, taken as raw strings so that
 * "abc" or "0" is a 400 naming the parameter rather than JAX-RS's 404 for an unconvertible parameter.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        if (cursor != null && cursor.isEmpty()) {
            cursor = null;
        }
        return new PageRequest(size, cursor);
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
