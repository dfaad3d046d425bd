package com.aegis.vault.pagination;

import java.util.List;
import java.util.function.Function;

/** {@code limit} ({@link PageLimit}) and {@code cursor} of a list request, and how a fetched slice becomes a page. */
public record PageRequest(int limit, String cursor) {

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(PageLimit.parse(limit), cursor == null || cursor.isEmpty() ? null : cursor);
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
