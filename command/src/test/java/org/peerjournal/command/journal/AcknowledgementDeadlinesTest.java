package org.peerjournal.command.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerjournal.shared.escalation.EscalationSeverity;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How long clinicians have to acknowledge, by severity, and which settings are refused. */
class AcknowledgementDeadlinesTest {

    private static final String PREFIX = "peerjournal.escalations.acknowledge-within";

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);
    private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

    @Test
    void eachSeverityHasItsOwnDuration() {
        // three different durations, so a swapped case in the mapping cannot go unnoticed
        AcknowledgementDeadlines deadlines = new AcknowledgementDeadlines(ONE_MINUTE, TWO_MINUTES, THREE_MINUTES);

        assertThat(deadlines.forSeverity(EscalationSeverity.IMMEDIATE)).isEqualTo(ONE_MINUTE);
        assertThat(deadlines.forSeverity(EscalationSeverity.URGENT)).isEqualTo(TWO_MINUTES);
        assertThat(deadlines.forSeverity(EscalationSeverity.ROUTINE)).isEqualTo(THREE_MINUTES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "-PT24H"})
    void zeroOrNegativeImmediateDurationIsRefused(String duration) {
        assertThatThrownBy(() -> new AcknowledgementDeadlines(Duration.parse(duration), TWO_MINUTES, THREE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + ".immediate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "-PT24H"})
    void zeroOrNegativeUrgentDurationIsRefused(String duration) {
        assertThatThrownBy(() -> new AcknowledgementDeadlines(ONE_MINUTE, Duration.parse(duration), THREE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + ".urgent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1S", "-PT24H"})
    void zeroOrNegativeRoutineDurationIsRefused(String duration) {
        assertThatThrownBy(() -> new AcknowledgementDeadlines(ONE_MINUTE, TWO_MINUTES, Duration.parse(duration)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + ".routine");
    }

    @Test
    void missingDurationIsRefused() {
        assertThatThrownBy(() -> new AcknowledgementDeadlines(ONE_MINUTE, null, THREE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + ".urgent");
    }

    @Test
    void smallestPositiveDurationIsAccepted() {
        Duration oneNano = Duration.ofNanos(1);

        assertThat(new AcknowledgementDeadlines(oneNano, oneNano, oneNano).forSeverity(EscalationSeverity.IMMEDIATE))
                .isEqualTo(oneNano);
    }

    @Test
    void unconfiguredDeadlinesAreTheProductDefaults() {
        // product.md: IMMEDIATE 15 min, URGENT 2 h, ROUTINE 24 h
        AcknowledgementDeadlines deadlines = bind(Map.of());

        assertThat(deadlines.forSeverity(EscalationSeverity.IMMEDIATE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(deadlines.forSeverity(EscalationSeverity.URGENT)).isEqualTo(Duration.ofHours(2));
        assertThat(deadlines.forSeverity(EscalationSeverity.ROUTINE)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void configuredDurationReplacesOnlyItsDefault() {
        AcknowledgementDeadlines deadlines = bind(Map.of(PREFIX + ".urgent", "PT1H"));

        assertThat(deadlines.forSeverity(EscalationSeverity.URGENT)).isEqualTo(Duration.ofHours(1));
        assertThat(deadlines.forSeverity(EscalationSeverity.IMMEDIATE)).isEqualTo(Duration.ofMinutes(15));
        assertThat(deadlines.forSeverity(EscalationSeverity.ROUTINE)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void zeroDurationInConfigurationStopsTheBinding() {
        // a zero deadline would mark every escalation overdue the moment it is raised
        Throwable thrown = catchThrowable(() -> bind(Map.of(PREFIX + ".immediate", "PT0S")));

        assertThat(thrown).isInstanceOf(BindException.class)
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PREFIX + ".immediate");
    }

    private static AcknowledgementDeadlines bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(PREFIX, Bindable.of(AcknowledgementDeadlines.class));
    }
}
