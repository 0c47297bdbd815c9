package org.peerjournal.command.journal;

import org.peerjournal.shared.escalation.EscalationSeverity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long clinicians have to acknowledge an escalation, by severity
 * ({@code peerjournal.escalations.acknowledge-within.immediate|urgent|routine}, ISO-8601 durations).
 */
@ConfigurationProperties("peerjournal.escalations.acknowledge-within")
public record AcknowledgementDeadlines(
        @DefaultValue("PT15M") Duration immediate,
        @DefaultValue("PT2H") Duration urgent,
        @DefaultValue("PT24H") Duration routine) {

    public AcknowledgementDeadlines {
        requirePositive("immediate", immediate);
        requirePositive("urgent", urgent);
        requirePositive("routine", routine);
    }

    public Duration forSeverity(EscalationSeverity severity) {
        return switch (severity) {
            case IMMEDIATE -> immediate;
            case URGENT -> urgent;
            case ROUTINE -> routine;
        };
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("peerjournal.escalations.acknowledge-within." + name
                    + " must be a positive duration");
        }
    }
}
