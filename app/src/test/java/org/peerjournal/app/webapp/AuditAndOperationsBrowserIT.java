package org.peerjournal.app.webapp;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's and the administrator's pages in a real browser. */
class AuditAndOperationsBrowserIT extends BrowserTest {

    @Test
    void theAuditorOpensTheTimelineAsItWasBeforeACorrection() {
        String patientRef = "A-" + UUID.randomUUID();
        String journalId = journals.openJournal("david", "north", patientRef);
        String noteId = journals.recordNote(journalId, "First version of the note.");
        // A whole second between the note and its correction: the as-of form is to the second.
        Instant beforeCorrection = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(beforeCorrection.plusMillis(500)));
        journals.correctNote(journalId, noteId, "Second version of the note.", "Wrong day");
        journals.awaitTimelineEntries(journalId, "", 1);

        signIn("eva");
        assertAccessible();
        element("journalId").sendKeys(journalId);
        element("audit-form").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"),
                "Second version of the note."));

        // The as-of time is typed in the auditor's zone (Europe/Stockholm), as a datetime-local input holds it.
        String local = LocalDateTime.ofInstant(beforeCorrection, ZoneId.of("Europe/Stockholm")).toString();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", element("asOf"), local);
        element("as-of-form").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"),
                "First version of the note."));
        assertThat(element("entries").getText()).doesNotContain("Second version");
        assertThat(element("as-of-shown").getText()).contains("exactly as it was recorded at");
        assertAccessible();
        screenshot("audit-as-of");

        for (String view : List.of("events", "access-log", "incident-report")) {
            open("/app/audit/journals/" + journalId + "/" + view);
            assertAccessible();
        }
        open("/app/audit/journals/" + journalId + "/access-log");
        assertThat(element("reads").getText()).contains("eva", "audit-timeline");
        screenshot("audit-access-log");
        open("/app/audit/journals/" + journalId + "/events");
        assertThat(element("events").getText()).contains("ContactNoteCorrectedEvent", "Wrong day");

        // The patient's access extract and the access review, where the auditor's own reads show.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        open("/app/audit/access-extract?patientRef=" + patientRef + "&from=" + today + "&to=" + today.plusDays(1));
        assertThat(element("extract-journals").getText()).contains(journalId, "north");
        assertThat(element("extract-accesses").getText()).contains("eva", "audit-timeline");
        assertAccessible();
        open("/app/audit/access-review?from=" + today + "&to=" + today.plusDays(1));
        element("findings");
        assertAccessible();
    }

    @Test
    void theAuditorCannotReadTheTeamsPagesNorAPswTheAuditorsPages() {
        signIn("eva");
        open("/app/journals");
        assertThat(element("error-title").getText()).isEqualTo("Not allowed");
        signIn("anna");
        open("/app/audit");
        assertThat(element("error-title").getText()).isEqualTo("Not allowed");
        assertAccessible();
    }

    @Test
    void theAdministratorSeesTheProjectionsAndReconciles() {
        signIn("olle");
        assertThat(element("projections").getText()).contains("timeline", "journal-directory");
        assertThat(browser.findElements(By.cssSelector("#projections button"))).isNotEmpty();
        element("reconcile").click();
        assertThat(element("reconciliation-result").getText()).isNotBlank();
        assertAccessible();
        screenshot("operations");
    }
}
