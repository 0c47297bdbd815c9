package org.peerjournal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts Peer Journal: the command side, the query side and the HTTP edge in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PeerJournalApplication {

    public static void main(String[] args) {
        // Axon prints an advertisement banner at start unless told not to; operators' logs have no use for it.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(PeerJournalApplication.class, args);
    }
}
