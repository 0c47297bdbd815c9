package org.peerjournal.shared.paging;

import org.peerjournal.shared.journal.JournalLimits;

/**
 * Which page of a list to answer: {@code page} from 0, {@code size} 1..{@link JournalLimits#MAX_PAGE_SIZE}. Every
 * list the API answers is read one page at a time from the database, so no request loads a whole table.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;

    public PageRequest {
        if (page < 0 || size < 1 || size > JournalLimits.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + JournalLimits.MAX_PAGE_SIZE);
        }
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_SIZE);
    }
}
