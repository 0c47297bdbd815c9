package org.peerjournal.app.webapp;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The clinical team's pages in a real browser: the live escalation queue, the team overview, the report. */
class EscalationQueueBrowserIT extends BrowserTest {

    @Test
    void aClinicianSeesAnEscalationAppearLiveAndAcknowledgesAndResolvesIt() {
        String journalId = journals.openNorthJournal();
        signIn("clara");
        open("/app/escalations");
        awaitLiveQueue();
        markPageAsNotReloaded();

        String escalationId = journals.raiseEscalation(journalId, "URGENT").body().get("escalationId").asText();

        awaitRowText(escalationId, "Urgent", "Suicide risk", "Open", "by anna");
        assertThat(pageWasNotReloaded()).as("the row arrived without a reload").isTrue();

        submitInLiveRow("acknowledge-" + escalationId, "Called her; home visit at 15:00");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "The escalation was acknowledged."));
        awaitRowText(escalationId, "Acknowledged");

        submitInLiveRow("resolve-" + escalationId, "Safety plan agreed");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "The escalation was resolved."));
        awaitRowText(escalationId, "Resolved");
        assertThat(journals.timeline("clara", journalId, "types=ESCALATION").body().get("entries").get(0)
                .get("escalation").get("outcome").asText()).isEqualTo("Safety plan agreed");
    }

    @Test
    void anEscalationGoingOverdueIsMarkedLiveAndImpossibleToMiss() {
        String journalId = journals.openNorthJournal();
        signIn("david");
        open("/app/escalations");
        awaitLiveQueue();
        markPageAsNotReloaded();

        // IMMEDIATE escalations go overdue after a few seconds in the tests.
        String escalationId = journals.raiseEscalation(journalId, "IMMEDIATE").body().get("escalationId").asText();
        waitFor().until(ExpectedConditions.attributeContains(By.id("escalation-" + escalationId), "class",
                "overdue"));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("escalation-" + escalationId),
                "OVERDUE"));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("overdue-banner"), "overdue"));
        assertThat(pageWasNotReloaded()).isTrue();
        assertAccessible();
        screenshot("escalation-queue");
        onAPhone(BrowserTest::assertAccessible);
    }

    @Test
    void theTeamLeadsOverviewAndContactReportAreAccessibleAndTheReportDownloadsAsCsv() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Coffee and a walk.");
        journals.awaitTimelineEntries(journalId, "", 1);
        signIn("david");

        open("/app/team");
        assertThat(element("counts").getText()).contains("Journals", "Open escalations");
        assertAccessible();
        screenshot("team-overview");

        open("/app/reports/contacts");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        setDate("from", today.minusDays(1));
        setDate("to", today.plusDays(1));
        element("report-form").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("report"), journalId));
        assertAccessible();
        screenshot("contact-report");

        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('csv').href).then(r => r.text()).then(done);");
        assertThat(csv).startsWith("journalId,contactType,contacts,totalMinutes")
                .contains(journalId + ",INDIVIDUAL_CONVERSATION,1,30");

        // A journal opened through the form; a loyalty conflict discussed and resolved through the timeline's forms.
        open("/app/journals");
        String patientRef = "W-" + UUID.randomUUID();
        element("patientRef").sendKeys(patientRef);
        element("displayName").sendKeys("Kim L.");
        element("displayName").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "The journal was opened."));
        String conflictId = journals.as("anna").post("/api/journals/" + journalId + "/loyalty-conflicts", Map.of(
                "kind", "CONFIDENTIALITY", "description", "Her mother calls the ward.", "patientPerspective",
                "Wants nothing shared.", "staffPerspective", "Worried about her safety.", "supervisionRequested",
                false)).body().get("conflictId").asText();
        openUntilShown("/app/journals/" + journalId, By.id("entry-" + conflictId));
        browser.findElement(By.cssSelector("#entry-" + conflictId + " details.action summary")).click();
        new Select(element("discuss-" + conflictId + "-forum")).selectByValue("TEAM_MEETING");
        element("discuss-" + conflictId + "-summary").sendKeys("Agreed what may be shared.");
        element("discuss-" + conflictId + "-summary").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "The discussion was added."));
        browser.findElements(By.cssSelector("#entry-" + conflictId + " details.action summary")).get(1).click();
        element("resolveConflict-" + conflictId + "-resolution").sendKeys("Nothing shared without her consent.");
        element("resolveConflict-" + conflictId + "-resolution").submit();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "The loyalty conflict was resolved."));
        assertThat(element("entry-" + conflictId).getText()).contains("Agreed what may be shared.",
                "Nothing shared without her consent.", "david");

        for (String page : List.of("/app/journals", "/app/escalations")) {
            open(page);
            assertAccessible();
        }
        open("/app/journals");
        screenshot("journals");
    }

    private static void setDate(String id, LocalDate date) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", element(id),
                date.toString());
    }

    private static void awaitLiveQueue() {
        waitFor().until(driver -> "subscribed".equals(((JavascriptExecutor) driver)
                .executeScript("return document.body.dataset.live")));
    }

    private static void markPageAsNotReloaded() {
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
    }

    private static boolean pageWasNotReloaded() {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return window.notReloaded"));
    }

    private static void awaitRowText(String escalationId, String... texts) {
        waitFor().until(driver -> {
            List<WebElement> rows = driver.findElements(By.id("escalation-" + escalationId));
            return !rows.isEmpty() && Arrays.stream(texts).allMatch(rows.get(0).getText()::contains);
        });
    }

    /**
     * Types into a field of a queue row and submits its form; should a live update re-render the row in between (a
     * stale element), into the new row again, so the test never acts on a row the page has replaced.
     */
    private static void submitInLiveRow(String fieldId, String text) {
        waitFor().until(driver -> {
            WebElement field = driver.findElement(By.id(fieldId));
            field.clear();
            field.sendKeys(text);
            field.submit();
            return true;
        });
    }
}
