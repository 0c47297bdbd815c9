package org.peerjournal.query.projection;

import org.peerjournal.shared.paging.PageRequest;
import org.peerjournal.shared.paging.PagedList;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads one page of a read model in the database. Spring Data's {@link Slice} fetches one row more than the page
 * holds, which says whether a next page exists without counting the whole list.
 */
public final class Pages {

    private Pages() {
    }

    public static Pageable of(PageRequest page) {
        return org.springframework.data.domain.PageRequest.of(page.page(), page.size());
    }

    /** @param answer makes the query's answer record from the page's entries and whether more follow */
    public static <T, P extends PagedList<T>> P read(PageRequest page, Function<Pageable, Slice<T>> query,
            BiFunction<List<T>, Boolean, P> answer) {
        Slice<T> slice = query.apply(of(page));
        return answer.apply(slice.getContent(), slice.hasNext());
    }
}
