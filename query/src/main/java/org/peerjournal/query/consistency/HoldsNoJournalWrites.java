package org.peerjournal.query.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a projection that handles no journal events, only the events reads record (the access log). This node's
 * journal writes never change what it holds, so its queries do not wait for them ({@link
 * ReadYourWritesHandlerEnhancer}): they would only wait, up to the read wait, for a backlog of read events that has
 * nothing to do with the write.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HoldsNoJournalWrites {
}
