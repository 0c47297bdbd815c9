package org.peerjournal.query.audit;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.audit.AccessLogEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentReportRendererTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private final IncidentReport report = new IncidentReport(UUID.randomUUID(), "north", "Maria <S.>", null, null, AT,
            "eva", List.of(), List.of(new IncidentReport.Activity(UUID.randomUUID(),
                    IncidentReport.ActivityKind.RECORDED, AT, "anna", AT, "a | b", "line one\nline two <b>")),
            List.of(), List.of(new AccessLogEntry(AT, "clara", "CLINICIAN", "north", "timeline",
                    UUID.randomUUID())));

    @Test
    void markdownKeepsEveryValueInsideItsCell() {
        String markdown = IncidentReportRenderer.markdown(report);

        assertThat(markdown).startsWith("# Incident report: Maria <S.>\n");
        assertThat(markdown).contains("| a \\| b | line one line two <b> |");
        assertThat(markdown).contains("## Escalations\n\nNone in the window.");
        assertThat(markdown).contains("| " + AT + " | clara | CLINICIAN | north | timeline |");
    }

    @Test
    void htmlEscapesEveryValueFromTheJournal() {
        String html = IncidentReportRenderer.html(report);

        assertThat(html).contains("<h1>Incident report: Maria &lt;S.&gt;</h1>");
        assertThat(html).contains("<td>line one\nline two &lt;b&gt;</td>");
        assertThat(html).doesNotContain("<b>");
        assertThat(html).endsWith("</body></html>\n");
    }
}
