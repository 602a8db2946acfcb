package com.smeloanflow.tasklist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Debian Chromium driven by the system chromedriver (JUnit extension): one browser for the
 * JVM's tests, each test starting on a blank page with no cookies or storage. No browser or driver is
 * downloaded: both paths are given, so Selenium Manager never runs. The browser asks for Chinese, as the bank's staff browsers do.
 *
 * <p>The screens of the tour are photographed only when {@code -Dscreenshots.dir} names where to
 * ({@code -Dscreenshots.dir=docs/screenshots} refreshes the README tour's pictures): nothing else reads them,
 * and each costs the test about a second. A failing test always leaves {@code target/screenshots/failed-*.png}.
 */
public final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  private static final Logger log = LoggerFactory.getLogger(Browser.class);

  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
  /** The longest a screen may take to show what a step waits for; on a loaded machine Tasklist is slow. */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 1000;
  /** The tallest window a screenshot grows to (the manager dashboard, the longest page, needs some 4,200). */
  private static final int MAX_HEIGHT = 5000;

  private WebDriver driver;

  /** {@code -Dbrowser.required=true} (set by {@code .ci/run}): a browser test that cannot run fails, never skips. */
  public static final String REQUIRED_PROPERTY = "browser.required";

  /**
   * For {@code @EnabledIf}: browser tests run where Chromium and chromedriver are installed. Without
   * them they are skipped on a developer's machine, but fail the build where they are required (CI).
   */
  public static boolean installed() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && Boolean.getBoolean(REQUIRED_PROPERTY)) {
      throw new IllegalStateException("Browser tests are required (-D" + REQUIRED_PROPERTY + "=true) but " + CHROMIUM
          + " or " + CHROMEDRIVER + " is missing: apt-get install chromium chromium-driver");
    }
    return installed;
  }

  /**
   * One Chromium for every browser test of the JVM (failsafe runs them in two JVMs), started by the first
   * and quit when the JVM exits: like a clerk's browser, it keeps Tasklist's scripts (asked for again,
   * answered {@code 304}) and what it compiled of them from one login to the next. Each test starts with
   * a blank page and no cookies or storage of any site, so it logs in as nobody.
   */
  private static WebDriver shared;
  private static Path sharedProfile;

  private static synchronized WebDriver sharedBrowser() throws IOException {
    if (shared != null && !alive(shared)) {
      log.warn("The shared Chromium no longer answers: starting a new one");
      quitShared();
    }
    if (shared == null) {
      sharedProfile = Files.createTempDirectory("sme-loan-flow-chromium");
      shared = start(sharedProfile);
    }
    return shared;
  }

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitShared, "browser-tests-chromium-quit"));
  }

  private static WebDriver start(Path profile) {
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
        "--lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static boolean alive(WebDriver driver) {
    try {
      driver.getWindowHandle();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static synchronized void quitShared() {
    if (shared != null) {
      try {
        shared.quit();
      } catch (RuntimeException e) {
        log.warn("Chromium did not quit: {}", e.toString());
      }
      shared = null;
    }
    if (sharedProfile != null) {
      try (Stream<Path> files = Files.walk(sharedProfile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("Chromium's profile {} not removed: {}", sharedProfile, e.toString());
      }
      sharedProfile = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    driver = sharedBrowser();
    forgetEverySite();
    driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
  }

  /** A blank page in one tab, and no cookies, storage or service workers of any site the browser has seen. */
  private void forgetEverySite() {
    ChromeDriver chromium = (ChromeDriver) driver;
    List<String> tabs = new ArrayList<>(chromium.getWindowHandles());
    for (String tab : tabs.subList(1, tabs.size())) {
      chromium.switchTo().window(tab).close();
    }
    chromium.switchTo().window(tabs.get(0));
    chromium.get("about:blank");
    chromium.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    // the HTTP cache (Tasklist's scripts) stays, as in a clerk's browser
    for (String origin : visitedOrigins) {
      chromium.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin,
          "storageTypes", "local_storage,session_storage,indexeddb,websql,service_workers,cache_storage"));
    }
  }

  /** Every site (scheme, host, port) a test's tab went to, whose storage the next test starts without. */
  private static final Set<String> visitedOrigins = ConcurrentHashMap.newKeySet();

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (driver != null && context.getExecutionException().isPresent()) {
      String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
      try {
        save(Path.of("target", "screenshots"), name);
      } catch (RuntimeException e) {
        log.warn("No screenshot of the failure: {}", e.toString());
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      // every page the tab went to, not only the last one: a test may go from one site to another
      Map<String, Object> history = ((ChromeDriver) driver).executeCdpCommand("Page.getNavigationHistory", Map.of());
      for (Object entry : (List<?>) history.get("entries")) {
        URI page = URI.create(String.valueOf(((Map<?, ?>) entry).get("url")));
        if (page.getScheme() != null && page.getScheme().startsWith("http")) {
          visitedOrigins.add(page.getScheme() + "://" + page.getHost() + (page.getPort() < 0 ? "" : ":" + page.getPort()));
        }
      }
    } catch (RuntimeException e) {
      log.warn("The pages the test opened are unknown: {}", e.toString());
    } finally {
      driver = null;
    }
  }


  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait await() {
    return await(TIMEOUT);
  }

  /** A wait for a condition of the page, up to {@code timeout}. */
  public WebDriverWait await(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(200));
    wait.ignoring(StaleElementReferenceException.class); // Angular re-renders lists and notifications
    return wait;
  }

  /**
   * Returns once the browser has painted two frames: whatever the page scheduled on the last input
   * (form-js and Angular re-render in a microtask or the next frame) is on the screen by then.
   */
  public void afterRendering() {
    ((JavascriptExecutor) driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        requestAnimationFrame(() => requestAnimationFrame(() => done()));""");
  }

  /**
   * Clicks the element once it is clickable. Finding and clicking happen inside the wait, so an
   * element Angular re-renders in between (the task list refreshes itself) is found again, not
   * clicked stale.
   */
  public void click(By element) {
    // a notification Tasklist shows for a few seconds may lie over the element: try again until it has gone; the
    // page's fixed footer may too, when the element sits at the bottom edge of its scrolling list: then it is scrolled
    // to the middle of the list before the next try
    await().ignoring(ElementClickInterceptedException.class).until(d -> {
      WebElement target = d.findElement(element);
      if (!target.isDisplayed() || !target.isEnabled()) {
        return false;
      }
      try {
        target.click();
      } catch (ElementClickInterceptedException covered) {
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", target);
        throw covered;
      }
      return true;
    });
  }

  /** Where {@code -Dscreenshots.dir} asks for the tour's screenshots; empty when it does not. */
  private static final String SCREENSHOTS_DIR = System.getProperty("screenshots.dir", "");

  /**
   * A screenshot for the tour, named by screen ({@code 03-form-accept-application}), into {@code -Dscreenshots.dir}
   * (none without it). The window grows by what its scrolling areas hide (a long form in the task pane or the start
   * dialog), so the whole screen is in the picture (up to {@link #MAX_HEIGHT} pixels).
   */
  public void screenshot(String name) {
    if (SCREENSHOTS_DIR.isBlank()) {
      return;
    }
    Path folder = Path.of(SCREENSHOTS_DIR);
    int height = Math.min(MAX_HEIGHT, HEIGHT + hiddenHeight());
    try {
      grow(height);
      // The window's size includes the browser's own bars, and a taller page may lay out taller again (a dashboard's
      // charts): grow once more by what is still hidden, or the bottom of a long page is cut off.
      int stillHidden = hiddenHeight();
      if (stillHidden > 0 && height < MAX_HEIGHT) {
        grow(Math.min(MAX_HEIGHT, height + stillHidden));
      }
      save(folder, name);
    } finally {
      driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }
  }

  /** Grows the window to this height, when it is taller than now, and waits for the layout at that size. */
  private void grow(int height) {
    long before = viewportHeight();
    if (height > driver.manage().window().getSize().getHeight()) {
      driver.manage().window().setSize(new Dimension(WIDTH, height));
      await().withMessage("the window to grow to " + height).until(d -> viewportHeight() > before);
    }
    afterRendering(); // the layout at the new size is painted
  }

  /** What the page and its scrolling areas hide below the window, in pixels. */
  private int hiddenHeight() {
    Object hidden = ((JavascriptExecutor) driver).executeScript("""
        let extra = document.documentElement.scrollHeight - window.innerHeight;
        for (const el of document.querySelectorAll('*')) {
          const overflow = getComputedStyle(el).overflowY;
          if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1) {
            extra = Math.max(extra, el.scrollHeight - el.clientHeight);
          }
        }
        return Math.max(0, Math.ceil(extra));""");
    return ((Number) hidden).intValue();
  }

  private long viewportHeight() {
    return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight;")).longValue();
  }

  private Path save(Path folder, String name) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve(name + ".png");
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      log.info("Screenshot {}", file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
