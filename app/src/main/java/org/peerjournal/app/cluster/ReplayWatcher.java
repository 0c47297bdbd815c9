package org.peerjournal.app.cluster;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;

/**
 * Stops a processor on this node while another node replays it (so that node can claim every segment), and
 * starts it again as soon as the replay is over or was abandoned. Only processors this watcher stopped are
 * started again.
 */
@Component
class ReplayWatcher {

    private static final Logger log = LoggerFactory.getLogger(ReplayWatcher.class);

    private final ReplayRequests requests;
    private final EventProcessingConfiguration processing;
    private final Set<String> paused = new HashSet<>();

    ReplayWatcher(ReplayRequests requests, EventProcessingConfiguration processing) {
        this.requests = requests;
        this.processing = processing;
    }

    @Scheduled(fixedDelayString = "${peerjournal.cluster.replay-poll:PT0.5S}")
    synchronized void watch() {
        Set<String> replayedElsewhere = requests.byOtherNodes();
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            if (replayedElsewhere.contains(name) && streaming.isRunning()) {
                log.info("Another node replays {}: stopping it here meanwhile", name);
                streaming.shutdownAsync().join();
                paused.add(name);
            } else if (!replayedElsewhere.contains(name) && paused.remove(name)) {
                log.info("Replay of {} over: starting it here again", name);
                streaming.start();
            }
        });
    }
}
