package org.peerjournal.shared.paging;

import java.util.List;

/**
 * One page of a list, and whether a next page has entries (found without counting them all). Each list has its
 * own record implementing this: Axon matches query answers by class, and a generic record would not match.
 */
public interface PagedList<T> {

    List<T> items();

    boolean hasNext();
}
