package com.example.stock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The machine's own Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless. Both files are given
 * explicitly, so Selenium never looks for or downloads a browser or a driver of its own.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Skips the calling tests where Chromium or its driver is not installed; where the variable CI is set (CI
     * installs both, see .ci/run) their absence fails the tests instead, so CI never passes without them.
     */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String missing = "No " + BROWSER + " or " + DRIVER + " on this machine";
        if (System.getenv("CI") != null) {
            assertTrue(installed, missing + "; .ci/run installs them with apt-get");
        } else {
            assumeTrue(installed, missing + ": the browser tests are skipped "
                    + "(apt-get install chromium chromium-driver to run them)");
        }
    }

    static HeadlessChromium start() {
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--no-first-run", "--window-size=" + WIDTH + "," + HEIGHT,
                                 "--user-data-dir=" + profile.toAbsolutePath());
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** The whole page, not only the window, as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // the window as tall as the page, plus what the browser itself takes of the window's height
            Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
            driver.manage().window().setSize(new Dimension(WIDTH, Math.max(HEIGHT, Math.min(4000, height.intValue()))));
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                       StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors the page's scripts threw since the last call (a refused request the page handles is not one). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                     .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                     .map(LogEntry::getMessage)
                     .filter(message -> !message.contains("Failed to load resource"))
                     .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
