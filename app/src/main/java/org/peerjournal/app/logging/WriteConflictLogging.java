package org.peerjournal.app.logging;

import org.springframework.stereotype.Component;

/** Installs {@link WriteConflictLogDemotion} with the application. */
@Component
class WriteConflictLogging {

    WriteConflictLogging() {
        WriteConflictLogDemotion.install();
    }
}
