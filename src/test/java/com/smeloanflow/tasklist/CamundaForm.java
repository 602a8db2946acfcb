package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A Camunda Form (form-js) as Tasklist renders it, worked the way staff do: by the labels they see.
 * Every method fails when the field is not on the screen.
 */
public final class CamundaForm {

  /** form-js 1.8 date fields take input as month/day/year, whatever the placeholder says. */
  private static final DateTimeFormatter FORM_JS_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  /** How a form-js 1.8 date field shows a date it took. */
  private static final DateTimeFormatter FORM_JS_DATE_SHOWN = DateTimeFormatter.ofPattern("M/d/yyyy");
  /** How often an input is tried before the field is taken not to accept it. */
  private static final int ATTEMPTS = 3;
  /** How long a field may take to show what was just done before it is done again. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private final Browser browser;
  private final By root;

  CamundaForm(Browser browser, By root) {
    this.browser = browser;
    this.root = root;
  }

  /** The form rendered with at least one field and shows no form-js error. */
  public CamundaForm assertRendered() {
    WebElement form = browser.await().until(ExpectedConditions.visibilityOfElementLocated(root));
    browser.await().until(d -> !form.findElements(By.cssSelector(".fjs-form-field")).isEmpty());
    assertThat(form.findElements(By.cssSelector(".fjs-form-field-error, .fjs-error")))
        .as("form-js errors in the rendered form").isEmpty();
    return this;
  }

  /** Text the form shows (headings, the application summary, labels). */
  public String text() {
    return form().getText();
  }

  public CamundaForm assertShows(String... texts) {
    String text = text();
    for (String expected : texts) {
      assertThat(text).as("the form shows %s", expected).contains(expected);
    }
    return this;
  }

  /** Labels of the input fields on the screen (hidden conditional fields are not). */
  public List<String> visibleFieldLabels() {
    return form().findElements(By.cssSelector(".fjs-form-field label.fjs-form-field-label")).stream()
        .filter(WebElement::isDisplayed)
        .map(l -> l.getText().replace("*", "").trim())
        .toList();
  }

  /**
   * Types into a text, number or text area field. form-js applies a field's input after a short
   * debounce and re-renders the form, which can swallow keys typed into the next field meanwhile;
   * leaving the field (blur) applies the pending input at once. So this types, leaves the field,
   * waits until the form has rendered again and types again if the value was lost.
   */
  public CamundaForm type(String label, String value) {
    Held input = held(label, By.cssSelector("input.fjs-input, textarea"));
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      input.act(element -> {
        scrolledTo(element).clear();
        enter(element, value);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].blur();", element);
      });
      if (settles(() -> normalized(input.read(e -> e.getAttribute("value"))).equals(normalized(value)))) {
        return this;
      }
    }
    throw new AssertionError("Field " + label + " does not keep the value '" + value + "'");
  }

  /**
   * Enters the text into the field as staff do: Chinese as an input method commits it, the whole phrase in one input
   * event (with the punctuation and digits typed with it); text without Chinese key by key.
   */
  private void enter(WebElement element, String value) {
    if (value.chars().allMatch(c -> c < 128)) {
      element.sendKeys(value);
      return;
    }
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].focus();", element);
    ((HasCdp) browser.driver()).executeCdpCommand("Input.insertText", Map.of("text", value));
  }

  private static String normalized(String value) {
    return value == null ? "" : value.replace(",", "").trim();
  }

  /**
   * Whether {@code condition} holds once the form has rendered what was just done, waiting for it
   * a few seconds at most (a loaded machine renders late); false lets the caller act again.
   */
  private boolean settles(BooleanSupplier condition) {
    browser.afterRendering();
    try {
      browser.await(SETTLE).until(d -> condition.getAsBoolean());
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  private WebElement scrolledTo(WebElement element) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return element;
  }

  public CamundaForm number(String label, Object value) {
    return type(label, value.toString());
  }

  /** Types the date into a date field and confirms it with Enter, as a user does in its date picker. */
  public CamundaForm date(String label, LocalDate date) {
    By picker = By.cssSelector("input.flatpickr-input");
    String typed = FORM_JS_DATE.format(date);
    String shown = FORM_JS_DATE_SHOWN.format(date);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      WebElement input = scrolledTo(field(label).findElement(picker));
      input.clear();
      input.sendKeys(typed, Keys.ENTER);
      if (settles(() -> List.of(typed, shown).contains(field(label).findElement(picker).getAttribute("value")))) {
        return this;
      }
    }
    throw new AssertionError("Date field " + label + " does not keep " + typed + ": it shows "
        + field(label).findElement(picker).getAttribute("value"));
  }

  /**
   * Picks the option whose text is, or starts with, {@code option}, and waits until the field shows
   * it. The option list can reach below the visible part of the task pane, behind its footer, where
   * a click would not land; so the option is picked as with any select, with the arrow keys and Enter.
   */
  public CamundaForm select(String label, String option) {
    By display = By.cssSelector(".fjs-select-display");
    By itemsBy = By.cssSelector(".fjs-dropdownlist-item");
    for (int attempt = 0; attempt < ATTEMPTS && field(label).findElements(itemsBy).isEmpty(); attempt++) {
      // form-js opens a select that still has the focus (just chosen in) only after it lost it
      ((JavascriptExecutor) browser.driver()).executeScript("document.activeElement.blur();");
      scrolledTo(field(label).findElement(display)).click();
      settles(() -> !field(label).findElements(itemsBy).isEmpty());
    }
    List<String> options = field(label).findElements(itemsBy).stream().map(i -> i.getText().trim()).toList();
    assertThat(options).as("options of %s", label).isNotEmpty();
    String text = options.stream().filter(option::equals).findFirst()
        .or(() -> options.stream().filter(t -> t.startsWith(option)).findFirst())
        .orElseThrow(() -> new AssertionError("No option '" + option + "' in " + label + ": " + options));
    int target = options.indexOf(text);
    for (int key = 0; key < 2 * options.size() && focusedOption(label) != target; key++) {
      int focused = focusedOption(label);
      new Actions(browser.driver()).sendKeys(focused < target ? Keys.ARROW_DOWN : Keys.ARROW_UP).perform();
      settles(() -> focusedOption(label) != focused);
    }
    assertThat(focusedOption(label)).as("%s: %s is highlighted", label, text).isEqualTo(target);
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    assertThat(settles(() -> field(label).findElement(display).getText().trim().equals(text)))
        .as("%s shows %s", label, text).isTrue();
    return this;
  }

  /** The position of the highlighted option in the open option list of a select; -1 when none is. */
  private int focusedOption(String label) {
    List<WebElement> items = field(label).findElements(By.cssSelector(".fjs-dropdownlist-item"));
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).getAttribute("class").contains("focused")) {
        return i;
      }
    }
    return -1;
  }

  public CamundaForm check(String label) {
    return select(held(label, By.cssSelector("input[type=checkbox]")), label + " does not stay ticked");
  }

  /** Clicks a checkbox or radio button until it is selected: a click form-js re-rendered away is made again. */
  private CamundaForm select(Held input, String otherwise) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (input.read(WebElement::isSelected)) {
        return this;
      }
      input.act(element -> scrolledTo(element).click());
      if (settles(() -> input.read(WebElement::isSelected))) {
        return this;
      }
    }
    throw new AssertionError(otherwise);
  }

  /** Ticks the option {@code option} of the checklist labelled {@code label} (several may be ticked). */
  public CamundaForm checkOption(String label, String option) {
    return choose(label, option, "checkbox");
  }

  /**
   * Picks a radio option of the group labelled {@code label}: the option whose text is, or starts
   * with, {@code option} (so "批准" does not pick "附条件批准 ...").
   */
  public CamundaForm radio(String label, String option) {
    return choose(label, option, "radio");
  }

  /** Selects an option of a radio group or checklist, by the option's text as in {@link #radio}. */
  private CamundaForm choose(String label, String option, String inputType) {
    By optionsBy = By.xpath(".//label[.//input[@type='" + inputType + "']]");
    // each option's text read once: every read is a call to the browser
    List<String> options = field(label).findElements(optionsBy).stream().map(o -> o.getText().trim()).toList();
    assertThat(options).as("options of %s", label).isNotEmpty();
    String text = options.stream().filter(option::equals).findFirst()
        .or(() -> options.stream().filter(t -> t.startsWith(option)).findFirst())
        .orElseThrow(() -> new AssertionError("No option '" + option + "' in " + label + ": " + options));
    int index = options.indexOf(text);
    // the option's own input, found again only when form-js has re-rendered the group
    Held chosen = new Held(() -> field(label).findElements(optionsBy).get(index)
        .findElement(By.cssSelector("input[type=" + inputType + "]")));
    return select(chosen, label + ": " + text + " does not stay selected");
  }

  /** The element {@code inside} the field labelled {@code label}. */
  private Held held(String label, By inside) {
    return new Held(() -> field(label).findElement(inside));
  }

  /**
   * An element of the form, looked up once and again only when form-js has replaced it (it re-renders
   * the form after an input): each lookup by label costs the browser an XPath over the whole form.
   */
  private static final class Held {
    private final Supplier<WebElement> find;
    private WebElement element;

    Held(Supplier<WebElement> find) {
      this.find = find;
    }

    <T> T read(Function<WebElement, T> reading) {
      if (element == null) {
        element = find.get();
      }
      try {
        return reading.apply(element);
      } catch (StaleElementReferenceException replaced) {
        element = find.get();
        return reading.apply(element);
      }
    }

    void act(Consumer<WebElement> action) {
      read(element -> {
        action.accept(element);
        return null;
      });
    }
  }

  public boolean isVisible(String label) {
    return !fields(label).isEmpty() && fields(label).get(0).isDisplayed();
  }

  private WebElement form() {
    return browser.driver().findElement(root);
  }

  private WebElement field(String label) {
    List<WebElement> fields = fields(label);
    if (fields.isEmpty()) {
      // the labels on screen only when the field is missing: reading them costs two browser calls per field
      throw new AssertionError("No field labelled '" + label + "' in the form (fields on screen: "
          + visibleFieldLabels() + ")");
    }
    return fields.get(0);
  }

  private List<WebElement> fields(String label) {
    String xpath = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')]"
        + "[.//label[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + "*']]";
    return form().findElements(By.xpath(xpath));
  }
}
