package com.smeloanflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A Camunda Form (form-js) as Tasklist renders it, worked the way staff do: by the labels they see.
 * Every method fails when the field is not on the screen.
 */
public final class CamundaForm {

  /** form-js 1.8 date fields take input as month/day/year, whatever the placeholder says. */
  private static final DateTimeFormatter FORM_JS_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

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
   * Types into a text, number or text area field. form-js applies each field's input after a short
   * debounce and re-renders the form, which can swallow keys typed into the next field meanwhile;
   * so this waits until the value has settled and types again if it was lost.
   */
  public CamundaForm type(String label, String value) {
    By input = By.cssSelector("input.fjs-input, textarea");
    for (int attempt = 0; attempt < 3; attempt++) {
      WebElement element = scrolledTo(field(label).findElement(input));
      element.clear();
      element.sendKeys(value);
      ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].blur();", element);
      pause(400);
      if (normalized(field(label).findElement(input).getAttribute("value")).equals(normalized(value))) {
        return this;
      }
    }
    throw new AssertionError("Field " + label + " does not keep the value '" + value + "'");
  }

  private static String normalized(String value) {
    return value == null ? "" : value.replace(",", "").trim();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private WebElement scrolledTo(WebElement element) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return element;
  }

  public CamundaForm number(String label, Object value) {
    return type(label, value.toString());
  }

  public CamundaForm date(String label, LocalDate date) {
    WebElement input = scrolledTo(field(label).findElement(By.cssSelector("input.flatpickr-input")));
    input.clear();
    input.sendKeys(FORM_JS_DATE.format(date), Keys.ENTER);
    pause(300);
    return this;
  }

  /** Picks the option whose text is, or starts with, {@code option}. */
  public CamundaForm select(String label, String option) {
    WebElement field = field(label);
    By itemsBy = By.cssSelector(".fjs-dropdownlist-item");
    List<WebElement> shown = List.of();
    for (int attempt = 0; attempt < 3 && shown.isEmpty(); attempt++) {
      scrolledTo(field.findElement(By.cssSelector(".fjs-select-display"))).click();
      pause(300);
      shown = field.findElements(itemsBy);
    }
    List<WebElement> items = shown;
    assertThat(items).as("options of %s", label).isNotEmpty();
    WebElement item = items.stream().filter(i -> i.getText().trim().equals(option)).findFirst()
        .or(() -> items.stream().filter(i -> i.getText().trim().startsWith(option)).findFirst())
        .orElseThrow(() -> new AssertionError("No option '" + option + "' in " + label + ": "
            + items.stream().map(WebElement::getText).toList()));
    item.click();
    pause(300);
    return this;
  }

  public CamundaForm check(String label) {
    WebElement box = scrolledTo(field(label).findElement(By.cssSelector("input[type=checkbox]")));
    if (!box.isSelected()) {
      box.click();
      pause(300);
    }
    assertThat(field(label).findElement(By.cssSelector("input[type=checkbox]")).isSelected())
        .as("%s is ticked", label).isTrue();
    return this;
  }

  /**
   * Picks a radio option of the group labelled {@code label}: the option whose text is, or starts
   * with, {@code option} (so "批准" does not pick "附条件批准 ...").
   */
  public CamundaForm radio(String label, String option) {
    By optionsBy = By.xpath(".//label[.//input[@type='radio']]");
    List<WebElement> options = field(label).findElements(optionsBy);
    assertThat(options).as("options of %s", label).isNotEmpty();
    WebElement chosen = options.stream().filter(o -> o.getText().trim().equals(option)).findFirst()
        .or(() -> options.stream().filter(o -> o.getText().trim().startsWith(option)).findFirst())
        .orElseThrow(() -> new AssertionError("No option '" + option + "' in " + label + ": "
            + options.stream().map(WebElement::getText).toList()));
    String text = chosen.getText().trim();
    for (int attempt = 0; attempt < 3 && !radioSelected(label, text); attempt++) {
      scrolledTo(chosen.findElement(By.cssSelector("input[type=radio]"))).click();
      pause(300);
      chosen = field(label).findElements(optionsBy).stream().filter(o -> o.getText().trim().equals(text)).findFirst()
          .orElseThrow();
    }
    assertThat(radioSelected(label, text)).as("%s: %s is selected", label, text).isTrue();
    return this;
  }

  private boolean radioSelected(String label, String optionText) {
    return field(label).findElements(By.xpath(".//label[.//input[@type='radio']]")).stream()
        .anyMatch(o -> o.getText().trim().equals(optionText) && o.findElement(By.cssSelector("input[type=radio]")).isSelected());
  }

  public boolean isVisible(String label) {
    return !fields(label).isEmpty() && fields(label).get(0).isDisplayed();
  }

  private WebElement form() {
    return browser.driver().findElement(root);
  }

  private WebElement field(String label) {
    List<WebElement> fields = fields(label);
    assertThat(fields).as("a field labelled '%s' in the form (fields on screen: %s)", label, visibleFieldLabels())
        .isNotEmpty();
    return fields.get(0);
  }

  private List<WebElement> fields(String label) {
    String xpath = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' fjs-form-field ')]"
        + "[.//label[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + "*']]";
    return form().findElements(By.xpath(xpath));
  }
}
