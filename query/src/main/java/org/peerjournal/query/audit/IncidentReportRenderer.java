package org.peerjournal.query.audit;

import org.peerjournal.shared.audit.AccessLogEntry;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders an incident report as Markdown or as a self-contained HTML page that an investigator can attach to a
 * report. Both show the same tables; every value from the journal is escaped for its format.
 */
public final class IncidentReportRenderer {

    private static final List<String> ESCALATION_COLUMNS = List.of("escalation", "severity / category", "raised",
            "deadline", "overdue", "acknowledged", "action taken", "resolved", "outcome", "minutes raised→ack",
            "minutes late", "minutes ack→resolved");
    private static final List<String> ACTIVITY_COLUMNS = List.of("recorded", "by", "entry", "activity", "occurred",
            "detail", "text");
    private static final List<String> READ_COLUMNS = List.of("at", "user", "role", "team", "through");

    private IncidentReportRenderer() {
    }

    public static String markdown(IncidentReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Incident report: ").append(cell(report.displayName())).append("\n\n");
        header(report).forEach(line -> md.append("- ").append(cell(line)).append('\n'));
        section(md, "Escalations", ESCALATION_COLUMNS, escalationRows(report), IncidentReportRenderer::cell);
        section(md, "Notes", ACTIVITY_COLUMNS, activityRows(report.notes()), IncidentReportRenderer::cell);
        section(md, "Loyalty conflicts", ACTIVITY_COLUMNS, activityRows(report.loyaltyConflicts()),
                IncidentReportRenderer::cell);
        section(md, "Who read the journal", READ_COLUMNS, readRows(report.reads()), IncidentReportRenderer::cell);
        return md.toString();
    }

    public static String html(IncidentReport report) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Incident report</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}</style></head><body>\n");
        html.append("<h1>Incident report: ").append(HtmlUtils.htmlEscape(report.displayName())).append("</h1>\n<ul>");
        header(report).forEach(line -> html.append("<li>").append(HtmlUtils.htmlEscape(line)).append("</li>"));
        html.append("</ul>\n");
        htmlSection(html, "Escalations", ESCALATION_COLUMNS, escalationRows(report));
        htmlSection(html, "Notes", ACTIVITY_COLUMNS, activityRows(report.notes()));
        htmlSection(html, "Loyalty conflicts", ACTIVITY_COLUMNS, activityRows(report.loyaltyConflicts()));
        htmlSection(html, "Who read the journal", READ_COLUMNS, readRows(report.reads()));
        return html.append("</body></html>\n").toString();
    }

    private static List<String> header(IncidentReport report) {
        return List.of("Journal: " + report.journalId() + " (team " + report.teamId() + ")",
                "Window: " + orDash(report.from()) + " to " + orDash(report.to()),
                "Generated: " + report.generatedAt() + " by " + report.generatedBy(),
                "All times UTC; minutes are whole minutes, rounded down.");
    }

    private static List<List<String>> escalationRows(IncidentReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (IncidentReport.EscalationHistory e : report.escalations()) {
            rows.add(List.of(e.escalationId().toString(), e.severity() + " / " + e.category(), step(e.raised()),
                    e.deadline().toString(), step(e.overdue()), step(e.acknowledged()), orDash(e.actionTaken()),
                    step(e.resolved()), orDash(e.outcome()), orDash(e.minutesRaisedToAcknowledged()),
                    orDash(e.minutesAcknowledgedLate()), orDash(e.minutesAcknowledgedToResolved())));
        }
        return rows;
    }

    private static List<List<String>> activityRows(List<IncidentReport.Activity> activities) {
        return activities.stream().map(a -> List.of(a.recordedAt().toString(), a.by(), a.entryId().toString(),
                a.activity().name(), orDash(a.occurredAt()), orDash(a.detail()), orDash(a.text()))).toList();
    }

    private static List<List<String>> readRows(List<AccessLogEntry> reads) {
        return reads.stream().map(r -> List.of(r.at().toString(), r.userId(), r.role(), orDash(r.teamId()),
                r.action())).toList();
    }

    private static void section(StringBuilder md, String title, List<String> columns, List<List<String>> rows,
            UnaryOperator<String> escape) {
        md.append("\n## ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            md.append("None in the window.\n");
            return;
        }
        md.append("| ").append(String.join(" | ", columns)).append(" |\n");
        md.append("|").append(" --- |".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(escape).toList())).append(" |\n");
        }
    }

    private static void htmlSection(StringBuilder html, String title, List<String> columns, List<List<String>> rows) {
        html.append("<h2>").append(title).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>None in the window.</p>\n");
            return;
        }
        html.append("<table><tr>");
        columns.forEach(c -> html.append("<th>").append(HtmlUtils.htmlEscape(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(value -> html.append("<td>").append(HtmlUtils.htmlEscape(value)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** A Markdown table cell: no line breaks, pipes escaped. */
    private static String cell(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static String step(IncidentReport.Step step) {
        return step == null ? "—" : step.at() + " by " + step.by();
    }

    private static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }
}
