package org.peerjournal.app.webapp;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peerjournal.app.support.ApiIntegrationTest;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the browser tests: the shared application (see {@link ApiIntegrationTest}) driven through Debian's
 * Chromium by chromedriver, headless, one browser per test class with a fresh profile. Where no Chromium is
 * installed each test is skipped, saying how to install it (nothing is downloaded at test time), and counted as
 * skipped in the run's totals.
 */
@ExtendWith(BrowserTest.NeedsChromium.class)
abstract class BrowserTest extends ApiIntegrationTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("PEERJOURNAL_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("PEERJOURNAL_CHROMEDRIVER",
            "/usr/bin/chromedriver");
    /** WCAG 2.0 and 2.1, levels A and AA: what the issue asks the pages to meet. */
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /**
     * Where the screenshots of the main pages go (the tests run in app/): target/screenshots, so that a test run
     * leaves the checkout clean; the repository's docs/screenshots only when asked for with
     * {@code -Dpeerjournal.update-screenshots=true} (docs/web-app.md, "Screenshots").
     */
    private static final Path SCREENSHOTS = Boolean.getBoolean("peerjournal.update-screenshots")
            ? Path.of("..", "docs", "screenshots") : Path.of("target", "screenshots");

    protected static WebDriver browser;
    private static Path profile;

    /**
     * Skips each test rather than the class where Chromium or chromedriver is missing: Maven's report counts a class
     * skipped in its set-up as no tests at all, so the run would not show that any were left out.
     */
    static final class NeedsChromium implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().isEmpty() || chromiumInstalled()
                    ? ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
                    : ConditionEvaluationResult.disabled("No Chromium at " + CHROMIUM + " with chromedriver at "
                            + CHROMEDRIVER + ". Install them with: apt-get install -y chromium chromium-driver");
        }
    }

    private static boolean chromiumInstalled() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!chromiumInstalled()) {
            return;
        }
        profile = Files.createTempDirectory("peerjournal-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(baseUrl() + "/login");
        browser.manage().deleteAllCookies();
    }

    /** Signs in through the login form, in English unless the test switches. */
    protected void signIn(String user) {
        browser.manage().deleteAllCookies();
        open("/login?lang=en");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-demo");
        browser.findElement(By.id("sign-in")).click();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    protected void open(String path) {
        browser.get(baseUrl() + path);
    }

    /**
     * Opens a page until it shows what the test waits for: projections are updated asynchronously, so a page read
     * right after a write may not show it yet (as in the API).
     */
    protected void openUntilShown(String path, By what) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            open(path);
            return !browser.findElements(what).isEmpty();
        });
    }

    /**
     * Waits up to 20 s, looking every 50 ms (Selenium's default of 500 ms made each wait cost a quarter of a second
     * on average); a live page replaces elements while the test looks at them, so a stale one is retried.
     */
    protected static WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    protected static WebElement element(String id) {
        return waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    protected static String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /**
     * axe-core on the page as it is now: no violation of WCAG 2.1 A or AA. In axe's legacy mode, which runs in the
     * page itself: the default opens a blank tab for every check to merge the results of frames, which these pages
     * do not have, and cost the browser tests about a seventh of their time.
     */
    protected static void assertAccessible() {
        Results results = new AxeBuilder().withTags(WCAG_AA).setLegacyMode(true).analyze(browser);
        assertThat(results.getViolations())
                .as("accessibility violations on %s:%n%s", browser.getCurrentUrl(), describe(results.getViolations()))
                .isEmpty();
        assertThat(browser.getPageSource()).as("a message key without text on %s", browser.getCurrentUrl())
                .doesNotContain("??");
    }

    /** Saves the page as {name}.png in {@link #SCREENSHOTS}. */
    protected static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the check at a phone's width too (375 px), then back at the desktop width. */
    protected static void onAPhone(Runnable check) {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            check.run();
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
