package org.peerjournal.query.api;

import org.junit.jupiter.api.Test;
import org.peerjournal.shared.journal.ContactType;
import org.peerjournal.shared.team.ContactReport;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ContactReportCsvTest {

    @Test
    void aHeaderRowThenOneRowPerJournalAndContactTypeWithCrlfLineEnds() {
        UUID journal = UUID.randomUUID();
        ContactReport report = new ContactReport("north", Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                List.of(new ContactReport.Row(journal, ContactType.HOME_VISIT, 3, 120)));

        assertThat(ContactReportCsv.of(report)).isEqualTo("journalId,contactType,contacts,totalMinutes\r\n"
                + journal + ",HOME_VISIT,3,120\r\n");
    }

    @Test
    void fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted() {
        assertThat(ContactReportCsv.field("plain")).isEqualTo("plain");
        assertThat(ContactReportCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ContactReportCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ContactReportCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    }
}
