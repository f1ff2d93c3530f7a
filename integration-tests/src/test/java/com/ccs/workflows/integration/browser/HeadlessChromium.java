package com.ccs.workflows.integration.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven by Selenium through Debian's {@code chromium-driver}
 * ({@code scripts/install-tools.sh} installs both). Both paths are given to Selenium, so Selenium Manager never
 * looks for, let alone downloads, a browser or a driver. Where they are not installed the calling tests are
 * skipped with a message saying how to install them; with {@code CCS_REQUIRE_BROWSER=true} they fail instead.
 * Paths: {@code CCS_CHROMIUM} and {@code CCS_CHROMEDRIVER} (system property or variable) when not the Debian ones.
 */
final class HeadlessChromium {
    static final Path BROWSER = setting("CCS_CHROMIUM", "/usr/bin/chromium");
    static final Path DRIVER = setting("CCS_CHROMEDRIVER", "/usr/bin/chromedriver");
    /** Where the screenshots of every run go (the module's target directory). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The windows a manager opens the link in: a phone (emulated: touch, mobile viewport) and a desktop. */
    enum Device {
        PHONE(390, 844, 2.0, true),
        DESKTOP(1280, 800, 1.0, false);

        final int width;
        final int height;
        final double pixelRatio;
        final boolean mobile;

        Device(int width, int height, double pixelRatio, boolean mobile) {
            this.width = width;
            this.height = height;
            this.pixelRatio = pixelRatio;
            this.mobile = mobile;
        }
    }

    private HeadlessChromium() {}

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * Skips the calling test (or, with CCS_REQUIRE_BROWSER=true, fails it) unless the browser and its driver are
     * installed. Called per test, so that each is reported skipped.
     */
    static void assumeInstalled() {
        boolean installed = installed();
        String message = "Chromium is not installed (" + BROWSER + ", " + DRIVER + "): the browser tests are skipped."
                + " Install Debian's chromium and chromium-driver with scripts/install-tools.sh (as root), or point"
                + " CCS_CHROMIUM and CCS_CHROMEDRIVER at them.";
        if (!installed && Boolean.parseBoolean(text("CCS_REQUIRE_BROWSER", "false"))) {
            fail(message);
        }
        assumeTrue(installed, message);
    }

    /**
     * A new headless window on {@code device} whose requests ask for {@code languages} ({@code es-CO,es}: Chromium
     * adds the weights to its Accept-Language itself).
     */
    static ChromeDriver open(Device device, String languages) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                "--lang=" + languages.split(",")[0]);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        if (device.mobile) {
            options.setExperimentalOption(
                    "mobileEmulation",
                    Map.of(
                            "deviceMetrics",
                            Map.of(
                                    "width",
                                    device.width,
                                    "height",
                                    device.height,
                                    "pixelRatio",
                                    device.pixelRatio,
                                    "mobile",
                                    true,
                                    "touch",
                                    true),
                            "userAgent",
                            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                                    + " Chrome/130.0 Mobile Safari/537.36"));
        } else {
            options.addArguments(
                    "--window-size=" + device.width + "," + device.height, "--force-device-scale-factor=1");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The whole page (not only the window) as PNG into {@code target/screenshots/<name>.png}, through the DevTools
     * protocol's capture beyond the viewport; returns the file.
     */
    static Path screenshot(ChromeDriver driver, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>)
                driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path setting(String name, String fallback) {
        return Path.of(text(name, fallback));
    }

    private static String text(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
