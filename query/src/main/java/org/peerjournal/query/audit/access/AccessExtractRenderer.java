package org.peerjournal.query.audit.access;

import org.springframework.web.util.HtmlUtils;

/** The access extract as a self-contained, printable HTML page that an auditor can hand to the patient. */
public final class AccessExtractRenderer {

    private AccessExtractRenderer() {
    }

    public static String html(AccessExtract extract) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Access extract</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:4px;text-align:left}</style></head><body>\n");
        html.append("<h1>Access extract for ").append(escape(extract.patientRef())).append("</h1>\n<ul>");
        item(html, "Period: " + extract.from() + " to " + extract.to() + " (UTC, end excluded)");
        item(html, "Made: " + extract.generatedAt() + " by " + extract.generatedBy());
        item(html, "Care units keeping a journal: " + (extract.journals().isEmpty() ? "none"
                : String.join(", ", extract.journals().stream().map(j -> j.teamId() + " (journal " + j.journalId()
                        + ")").toList())));
        html.append("</ul>\n<h2>Every access in the period</h2>\n");
        if (extract.accesses().isEmpty()) {
            html.append("<p>No access was recorded in the period.</p>\n");
        } else {
            html.append("<table><tr><th>time (UTC)</th><th>care unit</th><th>user</th><th>role</th>"
                    + "<th>through</th><th>journal</th></tr>\n");
            for (AccessExtract.Access access : extract.accesses()) {
                html.append("<tr>");
                for (Object value : new Object[] {access.at(), access.teamId() == null ? "—" : access.teamId(),
                        access.userId(), access.role(), access.action(), access.journalId()}) {
                    html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static void item(StringBuilder html, String text) {
        html.append("<li>").append(escape(text)).append("</li>");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
