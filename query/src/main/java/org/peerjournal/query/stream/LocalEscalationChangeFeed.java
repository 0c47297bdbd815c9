package org.peerjournal.query.stream;

import org.peerjournal.shared.escalation.EscalationView;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The feed of a single node (the embedded store): the change goes to this node's streams once the projection's
 * transaction has committed. Several nodes need a feed through the shared database instead.
 */
public class LocalEscalationChangeFeed implements EscalationChangeFeed {

    private final LiveEscalationStreams streams;

    public LocalEscalationChangeFeed(LiveEscalationStreams streams) {
        this.streams = streams;
    }

    @Override
    public void publish(EscalationView change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    streams.publish(change);
                }
            });
        } else {
            streams.publish(change);
        }
    }
}
