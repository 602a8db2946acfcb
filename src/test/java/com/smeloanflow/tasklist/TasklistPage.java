package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda Tasklist as the bank's staff see it (Chinese, see the webapps' {@code locales/zh.json}):
 * log in, pick a filter, open a task from the list, claim, fill its form, complete; or start a
 * process with its start form. Labels are the Chinese ones staff read.
 */
public final class TasklistPage {

  public static final String PASSWORD = "demo";

  /** The bank's product name in every webapp's header. */
  private static final By BRAND = By.cssSelector(".navbar-brand .brand-name");

  /** How often a user clicks a queue again while waiting for a task to be listed. */
  private static final Duration RELOAD_EVERY = Duration.ofSeconds(3);

  private final Browser browser;
  private final String baseUrl;
  private String currentFilter;
  /** The user this page logged in to Tasklist, while the browser is still there in that session. */
  private String loggedIn;
  private long lastReload = System.nanoTime();

  public TasklistPage(Browser browser, int port) {
    this.browser = browser;
    this.baseUrl = "http://localhost:" + port + "/camunda/app/";
  }

  /** Opens an app's login page with no session: tasklist, cockpit, admin or welcome. */
  public LoginPage loginPage(String app) {
    loggedIn = null;
    browser.driver().manage().deleteAllCookies();
    browser.driver().get(baseUrl + app + "/default/");
    return new LoginPage(browser);
  }

  /**
   * Logs the user in to Tasklist. A user already logged in here by this page works on in the same session, as a clerk
   * does from one task to the next: no new login, no reload of Tasklist (picking a filter loads its list again).
   */
  public TasklistPage login(String user) {
    if (user.equals(loggedIn) && !browser.driver().findElements(By.cssSelector(".task-filter")).isEmpty()) {
      return this;
    }
    loginPage("tasklist").logIn(user, PASSWORD);
    browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filter")));
    loggedIn = user;
    return this;
  }

  /** Logs in to another webapp (cockpit, admin) and waits for its header. */
  public TasklistPage loginTo(String app, String user) {
    loginPage(app).logIn(user, PASSWORD);
    browser.await().until(d -> !d.findElements(BRAND).isEmpty());
    return this;
  }

  /**
   * Opens a route of a webapp in the logged-in session (e.g. cockpit's {@code #/processes}) and waits until the
   * page shows {@code shows}.
   *
   * @return all the text the page then shows
   */
  public String openRoute(String app, String route, String shows) {
    loggedIn = null;
    browser.driver().get(baseUrl + app + "/default/" + route);
    browser.await().withMessage(app + " " + route + " shows " + shows).until(d -> pageText().contains(shows));
    return pageText();
  }

  /** All the text the page shows. */
  public String pageText() {
    return browser.driver().findElement(By.tagName("body")).getText();
  }

  /** The logged-in user's name in the header (Tasklist shows "firstName lastName"). */
  public String headerUserName() {
    By account = By.cssSelector(".cam-nav li.account > a.dropdown-toggle");
    return browser.await().withMessage("the user's name in the header").until(d -> {
      String text = d.findElement(account).getText().trim();
      // the user id shows until the profile (first and last name) has loaded
      return text.isEmpty() || !text.contains(" ") ? null : text;
    });
  }

  /** Brand name in the header, e.g. "普惠金融事业部 普惠贷款作业平台". */
  public String brand() {
    return browser.driver().findElement(BRAND).getText();
  }

  public boolean vendorBannerVisible() {
    return browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream().anyMatch(WebElement::isDisplayed);
  }

  public List<String> filterNames() {
    return browser.driver().findElements(By.cssSelector(".task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s*\\(?\\d+\\)?\\s*$", "").trim()).toList();
  }

  public TasklistPage selectFilter(String name) {
    browser.click(filter(name));
    browser.await().until(ExpectedConditions.attributeContains(filter(name), "class", "active"));
    currentFilter = name;
    return this;
  }

  private static By filter(String name) {
    return By.xpath("//div[contains(@class,'task-filter')][.//h4[contains(@class,'name')]//a[contains(normalize-space(.),'" + name + "')]]");
  }

  /**
   * The user finds the task in the current filter's list and opens it. 我的待办 reloads itself every 10 s; a queue
   * (我的组任务, ...) does not, so the user clicks the filter again every few seconds until the task is listed.
   */
  public TasklistPage openTask(String taskId) {
    By entry = By.cssSelector(".tasks-list li.task h4.task a[href$='task=" + taskId + "']");
    browser.await().withMessage("task " + taskId + " in the list of " + currentFilter).pollingEvery(Duration.ofMillis(250))
        .until(driver -> {
          if (!driver.findElements(entry).isEmpty()) {
            return true;
          }
          if (currentFilter != null && System.nanoTime() - lastReload > RELOAD_EVERY.toNanos()) {
            lastReload = System.nanoTime();
            browser.click(filter(currentFilter));
          }
          return false;
        });
    browser.click(entry);
    browser.await().until(ExpectedConditions.urlContains("task=" + taskId));
    browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-details .fjs-form")));
    return this;
  }

  public boolean listShowsTask(String taskId) {
    return !browser.driver().findElements(By.cssSelector(".tasks-list li.task a[href$='task=" + taskId + "']")).isEmpty();
  }

  /** Names of the tasks in the current list. */
  public List<String> taskNames() {
    return browser.driver().findElements(By.cssSelector(".tasks-list li.task h4.task a")).stream()
        .map(a -> a.getText().trim()).toList();
  }

  /**
   * The business columns the current filter shows for a task in the list ({@code 企业} → its value): the
   * filter's {@code variables}, as Tasklist renders them under the task's name.
   */
  public java.util.Map<String, String> listColumns(String taskId) {
    By link = By.cssSelector("h4.task a[href$='task=" + taskId + "']");
    return browser.await().withMessage("the columns of task " + taskId).until(d -> {
      java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();
      for (WebElement entry : d.findElements(By.cssSelector(".tasks-list li.task"))) {
        if (entry.findElements(link).isEmpty()) {
          continue;
        }
        for (WebElement item : entry.findElements(By.cssSelector(".variable-item"))) {
          // textContent: a collapsed card hides all but the first columns, but holds them all
          String label = item.findElement(By.cssSelector(".variable-label")).getAttribute("textContent").trim()
              .replaceAll("[:：]$", "").trim();
          columns.put(label, item.findElement(By.cssSelector(".variable-value")).getAttribute("textContent").trim());
        }
      }
      return columns.isEmpty() ? null : columns;
    });
  }

  /** Opens every card of the list ("显示更多"), so a screenshot shows all the business columns. */
  public TasklistPage expandListCards() {
    By shutters = By.cssSelector(".tasks-list .task-card-details .shutter");
    int count = browser.driver().findElements(shutters).size();
    for (int i = 0; i < count; i++) {
      int index = i;
      // The list may re-render in between: find the shutter again each try. Tasklist's fixed footer
      // can lie over the last card when the list cannot scroll it higher; the shutter only widens the
      // card for the screenshot, so then its own click handler is invoked directly.
      browser.await().withMessage("to open task card " + (index + 1) + " of " + count)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> {
            java.util.List<WebElement> found = d.findElements(shutters);
            if (index >= found.size() || !found.get(index).isDisplayed()) {
              return true;
            }
            WebElement shutter = found.get(index);
            scrollIntoView(shutter);
            try {
              shutter.click();
            } catch (org.openqa.selenium.ElementClickInterceptedException underFooter) {
              ((JavascriptExecutor) d).executeScript("arguments[0].click();", shutter);
            }
            return true;
          });
    }
    return this;
  }

  /**
   * A team lead hands the open (assigned) task to another member of its post: clicks the assignee, types the
   * user id into Tasklist's inline field and confirms with Enter.
   */
  public TasklistPage reassignOpenTaskTo(String userId) {
    browser.click(By.cssSelector(".task-details li.assignee [cam-widget-inline-field]"));
    WebElement input = browser.await().withMessage("the assignee's input field").until(d -> {
      WebElement active = d.switchTo().activeElement();
      return active != null && "input".equals(active.getTagName()) ? active : null;
    });
    input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), userId);
    // Tasklist checks that the user exists (red while it does not, or while it asks)
    By invalid = By.cssSelector(".task-details li.assignee .has-error, .task-details li.assignee .validating");
    browser.await().withMessage("Tasklist to accept user " + userId).pollingEvery(java.time.Duration.ofMillis(500))
        .until(d -> d.findElements(invalid).isEmpty());
    input.sendKeys(org.openqa.selenium.Keys.ENTER);
    try {
      new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(3))
          .until(ExpectedConditions.invisibilityOf(input));
    } catch (org.openqa.selenium.TimeoutException stillOpen) {
      // the inline field's confirm button (✔) when Enter did not apply it
      browser.driver().findElements(By.cssSelector(".glyphicon-ok")).stream().filter(WebElement::isDisplayed).findFirst()
          .ifPresent(WebElement::click);
    }
    return this;
  }

  public String openTaskName() {
    return browser.driver().findElement(By.cssSelector(".task-details h2")).getText().trim();
  }

  public CamundaForm taskForm() {
    return new CamundaForm(browser, By.cssSelector(".task-details .fjs-form")).assertRendered();
  }

  /** Whether the open task offers "领取" (it has no assignee yet). */
  public boolean claimOffered() {
    return browser.driver().findElements(By.cssSelector(".task-details button.claim")).stream().anyMatch(WebElement::isDisplayed);
  }

  /** The open task's assignee as Tasklist shows it (name, or the id of a user without one). */
  public String assigneeShown() {
    By assignee = By.cssSelector(".task-details li.assignee [cam-widget-inline-field]");
    return browser.await().withMessage("the assignee of the open task").until(d -> {
      String text = d.findElement(assignee).getText().trim();
      return text.isEmpty() ? null : text;
    });
  }

  /** "领取": Complete stays disabled until the task is claimed. */
  public TasklistPage claim() {
    By claim = By.cssSelector(".task-details button.claim");
    browser.click(claim);
    browser.await().until(ExpectedConditions.invisibilityOfElementLocated(claim));
    return this;
  }

  /**
   * Whether the current filter's list stays without the task for {@code period}, the filter clicked again (its list
   * reloaded) every {@link #RELOAD_EVERY}: for a task the user must not be offered (e.g. their own proposal, four
   * eyes). A caller shows with another user that the same filter lists the task.
   */
  public boolean listNeverShowsTask(String taskId, Duration period) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      if (listShowsTask(taskId)) {
        return false;
      }
      if (currentFilter != null && System.nanoTime() - lastReload > RELOAD_EVERY.toNanos()) {
        lastReload = System.nanoTime();
        browser.click(filter(currentFilter));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !listShowsTask(taskId);
  }

  /**
   * "完成": the task leaves the screen ("请在列表中选择一个任务。"); fails with Tasklist's error
   * notification when the engine refused the submission.
   */
  public TasklistPage complete() {
    By complete = By.cssSelector(".task-details button[ng-click='complete()']");
    scrollIntoView(browser.await().until(ExpectedConditions.elementToBeClickable(complete)));
    browser.click(complete);
    browser.await().withMessage("the task to be completed").until(d -> !shownErrors().isEmpty()
        || d.findElements(By.cssSelector(".task-details .fjs-form")).isEmpty());
    assertNoError();
    return this;
  }

  /** "完成" refused by the engine: the text of Tasklist's error notification; the task stays on the screen. */
  public String completeRefused() {
    By complete = By.cssSelector(".task-details button[ng-click='complete()']");
    scrollIntoView(browser.await().until(ExpectedConditions.elementToBeClickable(complete)));
    browser.click(complete);
    List<String> errors = browser.await().withMessage("Tasklist's error notification").until(d -> {
      List<String> shown = shownErrors();
      return shown.isEmpty() ? null : shown;
    });
    return String.join(" | ", errors);
  }

  /** "发起流程": opens the start form of a process by its (Chinese) name. */
  public CamundaForm startProcess(String processName) {
    browser.click(By.cssSelector(".start-process-action a"));
    By process = By.xpath("//div[contains(@class,'modal')]//li//a[normalize-space(.)='" + processName + "']");
    browser.click(process);
    return new CamundaForm(browser, By.cssSelector(".modal .fjs-form")).assertRendered();
  }

  /** "发起" in the start dialog, and the notification "流程已发起。". */
  public TasklistPage submitStartForm() {
    WebElement start = browser.await().until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(".modal button[ng-click='startProcessInstance()']")));
    scrollIntoView(start);
    start.click();
    expectNotification("流程已发起。");
    browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal .fjs-form")));
    return this;
  }

  /** Tasklist's error notifications: on the page, or inside the start dialog. */
  private static final By ERRORS = By.cssSelector(".alert-danger");

  private List<String> shownErrors() {
    return shownAlerts(".alert-danger");
  }

  /** Texts of the alerts on the screen, read in one go (Angular replaces them while it digests). */
  @SuppressWarnings("unchecked")
  private List<String> shownAlerts(String selector) {
    return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
        return Array.from(document.querySelectorAll(arguments[0]))
          .filter(e => e.offsetParent !== null)
          .map(e => e.textContent.replace(/\\s+/g, ' ').replace('\u00d7', '').replace(/^\\s*Close\\s*/, '').trim());""",
        selector);
  }

  private void assertNoError() {
    assertThat(shownErrors()).as("Tasklist error notifications").isEmpty();
  }

  private void expectNotification(String success) {
    List<String> shown = browser.await().withMessage("a notification after the submission").until(d -> {
      List<String> texts = shownAlerts(".page-notifications .alert, .modal .alert");
      return texts.isEmpty() ? null : texts;
    });
    assertNoError();
    assertThat(String.join(" | ", shown)).as("Tasklist notification").contains(success);
    for (WebElement close : browser.driver().findElements(By.cssSelector(".page-notifications .alert button.close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
  }

  private void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /** The login page every webapp shows before a session exists. */
  public static final class LoginPage {
    private final Browser browser;

    LoginPage(Browser browser) {
      this.browser = browser;
      browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
    }

    public String usernamePlaceholder() {
      return input("username").getAttribute("placeholder");
    }

    public String passwordPlaceholder() {
      return input("password").getAttribute("placeholder");
    }

    public String buttonText() {
      return browser.driver().findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).getText().trim();
    }

    public String title() {
      return browser.driver().findElement(By.cssSelector(".form-signin")).getText();
    }

    /**
     * Types the credentials and logs in. The login page moves the focus to the user name field a
     * moment after it appears; keys typed before that can land in the wrong field, so this waits
     * for the focus, and types again when the fields do not hold the values.
     */
    public void logIn(String user, String password) {
      try {
        browser.await(Duration.ofSeconds(5)).until(d -> input("username").equals(d.switchTo().activeElement()));
      } catch (TimeoutException e) {
        // the page did not move the focus: nothing can steal the keys then
      }
      for (int attempt = 0; attempt < 5 && !holds(user, password); attempt++) {
        input("username").clear();
        input("password").clear();
        input("username").sendKeys(user);
        input("password").sendKeys(password);
        browser.afterRendering();
      }
      assertThat(holds(user, password)).as("login form holds the credentials of %s", user).isTrue();
      browser.driver().findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
      browser.await().withMessage("login of " + user)
          .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
    }

    private boolean holds(String user, String password) {
      return user.equals(input("username").getAttribute("value")) && password.equals(input("password").getAttribute("value"));
    }

    private WebElement input(String model) {
      return browser.driver().findElement(By.cssSelector("form[name=signinForm] input[ng-model=" + model + "]"));
    }
  }
}
