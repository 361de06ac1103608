package io.switchboard.e2e.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium for one test class, driven through chromedriver by Selenium: Debian's {@code chromium} and
 * {@code chromium-driver} packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; other paths with
 * {@code -Dbrowser.chromium=} and {@code -Dbrowser.chromedriver=}). Register it with {@code @RegisterExtension static
 * final Chromium CHROMIUM = new Chromium();}.
 *
 * <p>When either program is missing the tests fail, naming the packages, unless {@code -Dbrowser.skip=true} skips them.
 * Each class gets a fresh profile (deleted afterwards) and a browser without background networking, sync, component
 * updates or QUIC: on a closed network those make Chromium open connections that are refused. When a test fails, the
 * page's console is printed.
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final String PACKAGES = "apt-get install -y chromium chromium-driver";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("browser.skip"), "browser tests skipped (-Dbrowser.skip=true)");
        Path chromium = program("browser.chromium", "/usr/bin/chromium", "Chromium");
        Path chromedriver = program("browser.chromedriver", "/usr/bin/chromedriver", "chromedriver");
        profile = Files.createTempDirectory("switchboard-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
    }

    private static Path program(String property, String defaultPath, String name) {
        Path path = Path.of(System.getProperty(property, defaultPath));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(name + " not found at " + path + ": the browser tests need Debian's"
                    + " chromium and chromium-driver packages (" + PACKAGES + "), or -D" + property
                    + "=<path>; -Dbrowser.skip=true skips them");
        }
        return path;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                deleteRecursively(profile);
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            System.err.println("browser console of " + context.getDisplayName() + ":\n" + console());
        }
    }

    /** Loads {@code url} in the tab; the page's scripts and state start afresh. */
    public void open(String url) {
        driver.get(url);
    }

    /** Runs {@code body} as a function in the page ({@code arguments} holds {@code args}) and returns its result. */
    public Object script(String body, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(body, args);
    }

    /**
     * Runs {@code body} in the page with a callback as its last argument, and returns what it passes to the callback
     * (within 60 s). {@code body} may use {@code await} at its top: it runs as the body of an async function.
     */
    public Object asyncScript(String body, Object... args) {
        String wrapped = "const done = arguments[arguments.length - 1];"
                + "(async function () {" + body + "}).apply(null, Array.prototype.slice.call(arguments, 0, -1))"
                + ".then(done, (e) => done({scriptError: String(e && e.stack || e)}));";
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(wrapped, args);
        if (result instanceof Map<?, ?> map && map.containsKey("scriptError")) {
            throw new AssertionError("the page's script failed: " + map.get("scriptError"));
        }
        return result;
    }

    /** Resizes the window, so that the page lays itself out for that viewport. */
    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the tab shows as a PNG. */
    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The elements matching a CSS selector now. */
    public List<WebElement> find(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    /** The one element matching a CSS selector; fails when there is none. */
    public WebElement element(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    /** What the page wrote to its console since the last call, one line per entry. */
    public String console() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        return entries.stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
