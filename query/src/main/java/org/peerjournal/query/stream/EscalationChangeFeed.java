package org.peerjournal.query.stream;

import org.peerjournal.shared.escalation.EscalationView;

/**
 * Carries each projected escalation change to the live streams of every node. The escalation queue projection
 * publishes a change inside its processor's transaction; the feed hands it to the streams only once that
 * transaction has committed, and never a change that was rolled back.
 */
public interface EscalationChangeFeed {

    void publish(EscalationView change);
}
