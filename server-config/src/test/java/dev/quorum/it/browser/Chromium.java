package dev.quorum.it.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Debian's Chromium, headless, driven by Playwright. Each member gets a browser context of their own:
 * separate storage and cookies, as two people on two machines.
 */
public final class Chromium implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Chromium.class.getName());

    /** The flags this machine needs: no sandbox as root, and no calls home on a closed network. */
    private static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        Path executable = Path.of(System.getProperty("quorum.it.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium at " + executable
                    + ": run scripts/test.sh (it installs the chromium package) or apt-get install chromium");
        }
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(FLAGS));
        LOG.info(() -> "Chromium " + browser.version() + " launched for the browser tests");
        return new Chromium(playwright, browser);
    }

    /** A fresh context (one person's browser) with a page that logs what the console reports. */
    public Page newPage(String who) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || "warning".equals(message.type())) {
                LOG.info(() -> "[" + who + " console " + message.type() + "] " + message.text());
            }
        });
        page.onPageError(error -> LOG.warning(() -> "[" + who + " page error] " + error));
        return page;
    }

    /** A full-page screenshot, kept with the test reports. */
    public static Path screenshot(Page page, String name) {
        Path file = Path.of(System.getProperty("quorum.it.screenshots", "target/screenshots"), name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
