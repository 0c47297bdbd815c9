package org.peerjournal.query.api;

import org.peerjournal.shared.paging.PageRequest;
import org.peerjournal.shared.paging.PagedList;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/**
 * A page of a list as the API answers it: the entries as a JSON array (the shape the lists always had) and, when
 * more follow, a {@code Link: <...page=n+1...>; rel="next"} header (RFC 8288) to fetch them.
 */
public final class PagedAnswer {

    /** The page size when a request names none, as an annotation's default value needs it. */
    public static final String DEFAULT_SIZE = "" + PageRequest.DEFAULT_SIZE;

    private PagedAnswer() {
    }

    public static <T> ResponseEntity<List<T>> answer(PagedList<T> list, PageRequest page) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (list.hasNext()) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("page", page.page() + 1)
                    .replaceQueryParam("size", page.size())
                    .build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(list.items());
    }
}
