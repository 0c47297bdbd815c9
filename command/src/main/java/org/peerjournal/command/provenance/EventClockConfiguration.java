package org.peerjournal.command.provenance;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The event store keeps timestamps to the millisecond. Stamping events with a millisecond clock makes the
 * {@code recordedAt} a client is told equal to the one stored and replayed, to the digit.
 */
@Configuration
class EventClockConfiguration {

    EventClockConfiguration() {
        GenericEventMessage.clock = Clock.tickMillis(ZoneOffset.UTC);
    }
}
