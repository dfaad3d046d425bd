package com.aegis.vault.pagination;

import com.aegis.vault.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    @Test
    void withoutParametersAPageHolds50AndStartsAtTheTop() {
        PageRequest request = PageRequest.of(null, null);
        assertEquals(50, request.limit());
        assertNull(request.cursor());
        assertNull(PageRequest.of("10", "").cursor(), "an empty cursor is no cursor");
    }

    @Test
    void aLimitFrom1To200IsTaken() {
        assertEquals(1, PageRequest.of("1", null).limit());
        assertEquals(200, PageRequest.of("200", null).limit());
        assertEquals(7, PageRequest.of(" 7 ", null).limit());
    }

    @Test
    void anyOtherLimitIsA400NamingLimit() {
        for (String bad : new String[]{"0", "201", "-1", "abc", "1e3", "2.5", "", "99999999999"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(bad, null), bad);
            assertEquals(400, e.problem().status);
            assertEquals("limit", e.problem().errors.get(0).field());
        }
    }

    @Test
    void oneMoreThanThePageIsFetchedToLearnWhetherAnotherFollows() {
        PageRequest request = PageRequest.of("3", null);
        assertEquals(4, request.fetchSize());

        Page<Integer> full = request.page(List.of(1, 2, 3, 4), n -> "after-" + n);
        assertEquals(List.of(1, 2, 3), full.items());
        assertEquals("after-3", full.nextCursor(), "the next page starts after the page's last item");

        Page<Integer> last = request.page(List.of(1, 2, 3), n -> "after-" + n);
        assertEquals(List.of(1, 2, 3), last.items());
        assertNull(last.nextCursor(), "exactly a page: nothing follows");

        Page<Integer> empty = request.page(List.of(), n -> "after-" + n);
        assertEquals(List.of(), empty.items());
        assertNull(empty.nextCursor());
    }

    @Test
    void theLargestPageIsCutAt200() {
        PageRequest request = PageRequest.of("200", null);
        Page<Integer> page = request.page(IntStream.rangeClosed(1, 201).boxed().toList(), String::valueOf);
        assertEquals(200, page.items().size());
        assertEquals("200", page.nextCursor());
    }
}
