package org.peerjournal.query.api;

import org.peerjournal.shared.team.ContactReport;

import java.util.List;

/** Writes the contact report as RFC 4180 CSV: a header row, CRLF line ends, fields quoted where needed. */
final class ContactReportCsv {

    private static final String CRLF = "\r\n";

    private ContactReportCsv() {
    }

    static String of(ContactReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, List.of("journalId", "contactType", "contacts", "totalMinutes"));
        for (ContactReport.Row row : report.rows()) {
            line(csv, List.of(row.journalId().toString(), row.contactType().name(), Long.toString(row.contacts()),
                    Long.toString(row.totalMinutes())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append(CRLF);
    }

    /** A field with a comma, a double quote or a line break is enclosed in quotes, its quotes doubled. */
    static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
