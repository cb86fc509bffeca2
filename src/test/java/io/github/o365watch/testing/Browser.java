package io.github.o365watch.testing;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through its chromedriver (both installed by {@code .ci/run};
 * missing, they skip the test, or fail it under {@code CI=true}, see {@link Tools}). Both paths are
 * given to Selenium, so Selenium Manager never runs and nothing is downloaded. The flags keep the
 * browser off the network: a page under test is a local file with no external resource.
 */
public final class Browser implements AutoCloseable {
    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser with a fresh profile in {@code profile}. */
    public static Browser start(Path profile) {
        return start(profile, List.of());
    }

    /** Starts a browser with a fresh profile and these command-line switches besides (a proxy, host resolver rules). */
    public static Browser start(Path profile, List<String> switches) {
        Path chromium = Tools.require("chromium");
        Path chromedriver = Tools.require("chromedriver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(switches);
        return new Browser(new ChromeDriver(service, options));
    }

    /** Opens a URL. */
    public void open(String url) {
        driver.get(url);
    }

    /** Runs an asynchronous script: its last argument is the callback it calls with its result. */
    public Object runAsync(String script, Duration timeout, Object... args) {
        driver.manage().timeouts().scriptTimeout(timeout);
        return driver.executeAsyncScript(script, args);
    }

    /** Opens a local file. */
    public void open(Path file) {
        driver.get(file.toUri().toString());
    }

    /**
     * Lays the page out for a viewport {@code width} CSS pixels wide (device scale 1, not a
     * phone's zoomed-out layout), for the screen or, with {@code print}, with the print style.
     */
    public void layout(int width, int height, boolean print) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        // "" ends the emulation: a forced "screen" would stay in force when printing
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
    }

    /** Runs {@code script} (a function body returning a list of strings; {@code arguments[i]} are {@code args}) in the page. */
    @SuppressWarnings("unchecked")
    public List<String> problems(String script, Object... args) {
        return (List<String>) driver.executeScript(script, args);
    }

    /**
     * The page printed as Chromium prints it, with the paper size and margins the page's CSS asks
     * for; any emulated viewport or media is ended first, so the print style applies as a user's would.
     */
    public byte[] pdf() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        Map<String, Object> result = driver.executeCdpCommand(
                "Page.printToPDF",
                Map.of("preferCSSPageSize", true, "printBackground", false, "displayHeaderFooter", false));
        return Base64.getDecoder().decode((String) result.get("data"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
