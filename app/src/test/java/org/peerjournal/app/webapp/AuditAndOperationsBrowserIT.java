package org.peerjournal.app.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditor's and the administrator's pages in a real browser. */
class AuditAndOperationsBrowserIT extends BrowserTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

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
        // The access log is projected at the processors' next look (docs/consistency.md), not at once.
        openUntilShown("/app/audit/journals/" + journalId + "/access-log",
                By.xpath("//*[@id='reads' and contains(., 'audit-timeline')]"));
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
    void theAuditorSeesTheLatestCheckpointAndWhetherAJournalsChainVerifies() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "To be sealed.");
        signIn("eva");
        open("/app/audit");
        browser.findElement(By.linkText("Integrity")).click();
        // A checkpoint is signed every second in the tests (every 10 s by default) once something was stored.
        openUntilShown("/app/audit/integrity", By.id("tree-size"));
        assertThat(Long.parseLong(element("tree-size").getText())).isPositive();
        assertThat(element("root-hash").getText()).isNotBlank();
        assertThat(element("verifier-key").getText()).startsWith("peer-journal+" + element("key-id").getText() + "+");
        assertThat(element("signed-note").getText()).contains(element("root-hash").getText());
        assertThat(element("checkpoint").getText()).contains("Signed");
        assertAccessible();

        element("journalId").sendKeys(journalId);
        element("integrity-form").submit();
        waitFor().until(ExpectedConditions.urlContains("/app/audit/journals/" + journalId + "/integrity"));
        assertThat(element("chain-verifies").getText()).isEqualTo("Yes");
        // Sealed into the next checkpoint within seconds: then the proof leads to its signed root.
        openUntilShown("/app/audit/journals/" + journalId + "/integrity",
                By.xpath("//p[@id='journal-verdict' and contains(., 'as it was stored')]"));
        assertThat(element("chain-events").getText()).isEqualTo("2");
        assertAccessible();
        screenshot("audit-integrity");
        onAPhone(BrowserTest::assertAccessible);

        // Checking a journal's chain is itself a read of the journal, logged as the API's is.
        openUntilShown("/app/audit/journals/" + journalId + "/access-log",
                By.xpath("//*[@id='reads' and contains(., 'audit-integrity')]"));
        assertThat(element("reads").getText()).contains("audit-integrity");
        open("/app/audit/journals/" + journalId + "/integrity?lang=sv");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Oföränderlighet");
        assertThat(element("chain-verifies").getText()).isEqualTo("Ja");
        assertAccessible();
        open("/app/audit?lang=en");
    }

    @Test
    void theAuditorRecordsAConclusionPerFindingAndIsToldWhenOneWasRecordedMeanwhile() {
        String first = journals.openNorthJournal();
        String second = journals.openNorthJournal();
        // clara reads both journals, though she has no part in their care: two findings of the day.
        for (String journalId : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> journals.timeline("clara", journalId, "").status() == 200);
        }
        LocalDate today = LocalDate.now(STOCKHOLM);
        String firstFinding = awaitFindingOfClaraAbout(first, today);
        String secondFinding = awaitFindingOfClaraAbout(second, today);

        signIn("eva");
        String review = "/app/audit/access-review?from=" + today + "&to=" + today.plusDays(1);
        open(review);
        // Sent empty: the API's own validation, beside the fields, in words.
        element("finding-" + firstFinding).findElement(By.tagName("summary")).click();
        element("finding-" + firstFinding).findElement(By.tagName("button")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("finding-" + firstFinding),
                "must be chosen"));
        assertThat(element("finding-" + firstFinding).getText()).contains("must be filled in");
        assertAccessible();

        new Select(element("finding-" + firstFinding).findElement(By.tagName("select"))).selectByVisibleText("Justified");
        element("finding-" + firstFinding).findElement(By.tagName("textarea")).sendKeys("Covering for anna, agreed with david.");
        element("finding-" + firstFinding).findElement(By.tagName("button")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "The conclusion was saved."));
        assertThat(element("finding-" + firstFinding).getText())
                .contains("Justified (eva", "Covering for anna, agreed with david.");
        assertThat(as("eva").get(reviewApi(today)).rawBody()).contains("Covering for anna, agreed with david.");

        // Another auditor concludes the second finding while this page still offers its form: the API's 409.
        element("finding-" + secondFinding).findElement(By.tagName("summary")).click();
        assertThat(as("eva").post("/api/audit/access-review/findings/" + secondFinding + "/conclusion",
                Map.of("conclusion", "FOLLOW_UP", "note", "Ask clara's manager.")).status()).isEqualTo(201);
        new Select(element("finding-" + secondFinding).findElement(By.tagName("select"))).selectByVisibleText("Violation");
        element("finding-" + secondFinding).findElement(By.tagName("textarea")).sendKeys("Second thoughts.");
        element("finding-" + secondFinding).findElement(By.tagName("button")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "this finding already has a conclusion"));
        assertThat(element("finding-" + secondFinding).getText()).contains("Follow up (eva", "Ask clara's manager.")
                .doesNotContain("Second thoughts");
        assertAccessible();
        screenshot("audit-access-review");

        open(review + "&lang=sv");
        assertThat(element("finding-" + firstFinding).getText()).contains("Befogad (eva");
        assertAccessible();
        open("/app/audit?lang=en");
    }

    private String awaitFindingOfClaraAbout(String journalId, LocalDate day) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (JsonNode finding : as("eva").get(reviewApi(day)).body().get("findings")) {
                if (finding.get("userId").asText().equals("clara")
                        && finding.get("rule").asText().equals("NO_CARE_RELATION")
                        && finding.get("journalIds").toString().contains(journalId)) {
                    return finding.get("findingId").asText();
                }
            }
            return null;
        }, Objects::nonNull);
    }

    private static String reviewApi(LocalDate day) {
        return "/api/audit/access-review?from=" + day.atStartOfDay(STOCKHOLM).toInstant() + "&to="
                + day.plusDays(1).atStartOfDay(STOCKHOLM).toInstant();
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
