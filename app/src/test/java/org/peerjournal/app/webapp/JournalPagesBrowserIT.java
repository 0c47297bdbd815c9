package org.peerjournal.app.webapp;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.peerjournal.app.support.JournalApi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A PSW's day in the web app, in a real browser: notes, corrections, other teams, language, keyboard. */
class JournalPagesBrowserIT extends BrowserTest {

    @Test
    void aPswRecordsANoteWithTheKeyboardAloneAndSeesItInTheTimeline() {
        String journalId = journals.openNorthJournal();
        signIn("anna");
        open("/app/journals/" + journalId + "/notes/new");

        // From the top of the page, Tab reaches the form's fields in reading order, each with its label.
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 25 && !reached.contains("save-note"); i++) {
            focused().sendKeys(Keys.TAB);
            reached.add(focused().getAttribute("id"));
        }
        assertThat(reached).containsSubsequence("contactType", "occurredAt", "durationMinutes", "text", "save-note");

        // Sent without a text: the API's own validation answers, next to the field, in words.
        focused().sendKeys(Keys.ENTER);
        WebElement textError = element("text-error");
        assertThat(textError.getText()).contains("must be filled in");
        assertThat(browser.findElement(By.id("text")).getAttribute("aria-describedby")).isEqualTo("text-error");
        assertThat(browser.findElement(By.id("text")).getAttribute("aria-invalid")).isEqualTo("true");
        assertAccessible();
        screenshot("note-form-errors");

        // Filled in with the keyboard alone: type to choose, Tab to move on, Enter to send.
        browser.findElement(By.id("contactType")).click();
        focused().sendKeys(Keys.ESCAPE);
        focused().sendKeys("Home");
        tabTo("durationMinutes"); // through the date and time's parts: occurredAt keeps its default, now
        focused().sendKeys(Keys.chord(Keys.CONTROL, "a"), "45", Keys.TAB);
        focused().sendKeys("Walked to the shop together; she chose the groceries herself.", Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("save-note");
        focused().sendKeys(Keys.ENTER);

        waitFor().until(ExpectedConditions.urlToBe(baseUrl() + "/app/journals/" + journalId));
        assertThat(pageText()).contains("The note was saved.");
        openUntilShown("/app/journals/" + journalId, By.className("note-text"));
        assertThat(browser.findElement(By.className("note-text")).getText())
                .isEqualTo("Walked to the shop together; she chose the groceries herself.");
        assertThat(browser.findElement(By.cssSelector(".entry-note h2")).getText()).contains("Home visit");
        assertThat(pageText()).contains("45 min");
    }

    @Test
    void aNoteWithMarkupShowsAsText() {
        String journalId = journals.openNorthJournal();
        String markup = "<script>document.body.dataset.injected = 'yes'</script><b>bold</b> "
                + "<img src=x onerror=\"document.body.dataset.injected = 'yes'\">";
        journals.recordNote(journalId, markup);
        signIn("clara");
        openUntilShown("/app/journals/" + journalId, By.className("note-text"));

        assertThat(browser.findElement(By.className("note-text")).getText()).isEqualTo(markup);
        assertThat(browser.findElements(By.cssSelector("#entries b, #entries img, #entries script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return document.body.dataset.injected"))
                .isNull();
    }

    /** The accessibility check can fail: an image without a text alternative on the page is found. */
    @Test
    void theAccessibilityCheckFindsAnImageWithoutATextAlternative() {
        signIn("anna");
        open("/app/journals");
        assertAccessible();

        ((JavascriptExecutor) browser).executeScript("const image = document.createElement('img');"
                + " image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main')"
                + ".appendChild(image);");

        assertThatThrownBy(BrowserTest::assertAccessible).isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt");
    }

    @Test
    void aCorrectionShowsBothRevisionsWithTheReason() {
        String journalId = journals.openNorthJournal();
        String noteId = journals.recordNote(journalId, "Talked about the week ahead.");
        signIn("anna");
        openUntilShown("/app/journals/" + journalId, By.className("note-text"));

        WebElement entry = browser.findElement(By.id("entry-" + noteId));
        entry.findElement(By.cssSelector("details.action summary")).click();
        WebElement text = browser.findElement(By.id("correct-" + noteId + "-text"));
        text.clear();
        text.sendKeys("Talked about the week ahead and the Thursday group.");
        text.submit();
        // The reason is required, as in the API: the form comes back open, with the error beside the field.
        assertThat(element("correct-" + noteId + "-reason-error").getText()).contains("must be filled in");

        browser.findElement(By.id("correct-" + noteId + "-reason")).sendKeys("Added which group");
        browser.findElement(By.id("correct-" + noteId + "-reason")).submit();
        assertThat(element("main").getText()).contains("The correction was saved.");

        openUntilShown("/app/journals/" + journalId, By.cssSelector("#entry-" + noteId + " details.revisions"));
        browser.findElement(By.cssSelector("#entry-" + noteId + " details.revisions summary")).click();
        List<WebElement> revisions = browser.findElements(By.cssSelector("#entry-" + noteId + " tr.revision"));
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).getText()).contains("anna", "Talked about the week ahead.");
        assertThat(revisions.get(1).getText()).contains("anna", "Added which group",
                "Talked about the week ahead and the Thursday group.");
        assertThat(browser.findElement(By.className("note-text")).getText())
                .isEqualTo("Talked about the week ahead and the Thursday group.");
    }

    @Test
    void aUserOfAnotherTeamGetsNotFound() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Only team north reads this.");
        signIn("bo");
        open("/app/journals/" + journalId);
        assertThat(element("error-title").getText()).isEqualTo("Not found");
        assertThat(pageText()).doesNotContain("Only team north reads this.");
        assertAccessible();
    }

    @Test
    void theLanguageSwitchesToSwedishAndBack() {
        signIn("anna");
        open("/app/journals");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Journals of team north");

        element("language-sv").click();
        waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), "Team norths journaler"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        assertThat(element("sign-out").getText()).isEqualTo("Logga ut");
        // The choice is remembered on the next page.
        open("/app/escalations");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Eskaleringskö");
        assertAccessible();

        element("language-en").click();
        waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), "Escalation queue"));
    }

    @Test
    void everyPageOfAPswIsAccessibleOnADesktopAndAPhone() {
        String journalId = journals.openNorthJournal();
        journals.recordNote(journalId, "Met at the café; planned the week.");
        journals.raiseEscalation(journalId, "URGENT");
        assertThat(journals.as("anna").post("/api/journals/" + journalId + "/loyalty-conflicts", Map.of(
                "kind", "MEDICATION", "description", "Wants to lower her dose; the ward disagrees.",
                "patientPerspective", "Feels numb.", "staffPerspective", "Risk of relapse.",
                "supervisionRequested", true)).status()).isEqualTo(201);
        journals.awaitTimelineEntries(journalId, "", 3);

        open("/login");
        browser.manage().deleteAllCookies();
        open("/login?lang=en");
        assertAccessible();
        screenshot("sign-in");

        signIn("anna");
        for (String page : List.of("/app/journals", "/app/journals/" + journalId,
                "/app/journals/" + journalId + "/notes/new", "/app/journals/" + journalId + "/escalations/new",
                "/app/journals/" + journalId + "/loyalty-conflicts/new")) {
            open(page);
            assertAccessible();
            onAPhone(() -> {
                assertAccessible();
                assertThat(((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling on a phone: %s", page).isEqualTo(true);
            });
        }
        open("/app/journals/" + journalId);
        screenshot("timeline");
        onAPhone(() -> screenshot("timeline-phone"));
        open("/app/journals/" + journalId + "/notes/new");
        screenshot("note-form");
    }

    @Test
    void aUserChoosesTheTimeZoneTimesAreShownInAndEveryPageNamesIt() {
        String journalId = journals.openNorthJournal();
        Instant occurred = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        journals.recordNote(journalId, JournalApi.note("Met at the library.", occurred));
        journals.awaitTimelineEntries(journalId, "", 1);
        signIn("anna");
        open("/app/journals/" + journalId);
        assertThat(element("time-zone").getText()).isEqualTo("Times in Europe/Stockholm");
        assertThat(element("entries").getText()).contains(shown(occurred, "Europe/Stockholm", Locale.ENGLISH));

        element("time-zone").click();
        new Select(element("zone")).selectByValue("America/New_York");
        element("save-time-zone").click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
                "Times are now shown in America/New_York."));
        assertAccessible();
        open("/app/journals/" + journalId);
        assertThat(element("time-zone").getText()).isEqualTo("Times in America/New_York");
        assertThat(element("entries").getText()).contains(shown(occurred, "America/New_York", Locale.ENGLISH))
                .doesNotContain(shown(occurred, "Europe/Stockholm", Locale.ENGLISH));

        // Switching the language keeps the zone, and the other way round.
        element("language-sv").click();
        waitFor().until(ExpectedConditions.textToBe(By.id("time-zone"), "Tider i America/New_York"));
        assertThat(element("entries").getText()).contains(shown(occurred, "America/New_York", Locale.forLanguageTag("sv")));
        open("/app/settings");
        assertThat(new Select(element("zone")).getFirstSelectedOption().getText()).isEqualTo("America/New_York");
        assertAccessible();
        screenshot("settings");
        new Select(element("zone")).selectByValue("Europe/Stockholm");
        element("save-time-zone").click();
        waitFor().until(ExpectedConditions.textToBe(By.id("time-zone"), "Tider i Europe/Stockholm"));
        open("/app/journals?lang=en");
    }

    /** A time as the pages show it: in the zone and language, medium date and short time. */
    private static String shown(Instant instant, String zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.of(zone)).format(instant);
    }

    @Test
    void longListsArePagedWithLinksThatKeepTheFilters() {
        String journalId = journals.openNorthJournal();
        journals.openNorthJournal();
        journals.openNorthJournal();
        for (String text : List.of("First note.", "Second note.", "Third note.")) {
            journals.recordNote(journalId, text);
        }
        journals.awaitTimelineEntries(journalId, "", 3);
        signIn("anna");

        // The team's journals, two to a page: page links to the next and back, the rows differ.
        open("/app/journals?size=2");
        List<String> firstPage = rowsOf("journals");
        assertThat(firstPage).hasSize(2);
        assertThat(browser.findElements(By.id("page-previous"))).isEmpty();
        element("page-next").click();
        waitFor().until(ExpectedConditions.urlContains("page=1"));
        assertThat(browser.getCurrentUrl()).contains("size=2");
        assertThat(rowsOf("journals")).hasSize(2).doesNotContainAnyElementsOf(firstPage);
        assertAccessible();
        element("page-previous").click();
        waitFor().until(ExpectedConditions.urlContains("page=0"));
        assertThat(rowsOf("journals")).isEqualTo(firstPage);

        // A timeline, filtered to notes, two to a page: the next page keeps the filter and holds the oldest.
        open("/app/journals/" + journalId + "?types=NOTE&size=2");
        assertThat(browser.findElements(By.className("note-text"))).extracting(WebElement::getText)
                .containsExactly("Third note.", "Second note.");
        element("page-next").click();
        waitFor().until(ExpectedConditions.urlContains("page=1"));
        assertThat(browser.getCurrentUrl()).contains("types=NOTE");
        assertThat(browser.findElements(By.className("note-text"))).extracting(WebElement::getText)
                .containsExactly("First note.");
        assertThat(browser.findElements(By.id("page-next"))).isEmpty();
        assertAccessible();
    }

    private static List<String> rowsOf(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).stream().map(WebElement::getText)
                .toList();
    }

    /** Presses Tab until the field with this id has the focus (a date-time input takes a Tab per part). */
    private static void tabTo(String id) {
        for (int i = 0; i < 10 && !id.equals(focused().getAttribute("id")); i++) {
            focused().sendKeys(Keys.TAB);
        }
        assertThat(focused().getAttribute("id")).isEqualTo(id);
    }

    private static WebElement focused() {
        return browser.switchTo().activeElement();
    }
}
