package org.peerjournal;

import org.peerjournal.app.integrity.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Arrays;

/**
 * Starts Peer Journal: the command side, the query side and the HTTP edge in one process; or, with {@code verify} as
 * the first argument, only the offline verifier.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PeerJournalApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            // The offline verifier: plain JDBC on a store, no Spring, no Axon, no web server.
            VerifyCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // Axon prints an advertisement banner at start unless told not to; operators' logs have no use for it.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(PeerJournalApplication.class, args);
    }
}
