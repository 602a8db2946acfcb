package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicationStatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.identity.BranchDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The branch's task forms and the code behind them stay in step: one checkbox per
 * {@link RequiredDocument}, shown when the application needs it; every value a form shows is one
 * {@link ApplicationSummaryListener} provides; the field names the listeners read exist.
 */
class AcceptanceFormTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPLATE_VALUE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
  private static final Pattern FEEL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  @Test
  void acceptanceFormHasOneCheckboxPerRequiredDocumentShownWhenRequired() throws IOException {
    List<JsonNode> fields = fields(form("accept-application"));

    List<String> checkboxes = fields.stream().filter(f -> f.path("type").asText().equals("checkbox"))
        .map(f -> f.path("key").asText()).toList();
    assertThat(checkboxes).containsExactlyInAnyOrderElementsOf(
        Stream.of(RequiredDocument.values()).map(RequiredDocument::formField).toList());

    for (RequiredDocument document : RequiredDocument.values()) {
      JsonNode checkbox = fields.stream().filter(f -> f.path("key").asText().equals(document.formField())).findFirst().orElseThrow();
      assertThat(checkbox.path("label").asText()).as("label of %s", document).isEqualTo(document.label());
      assertThat(checkbox.path("conditional").path("hide").asText()).as("shown only when %s is required", document)
          .isEqualTo("=not(" + document.formField() + "Required)");
    }
  }

  @Test
  void acceptanceFormHasTheNotesTheListenerRecords() throws IOException {
    assertThat(fields(form("accept-application"))).extracting(f -> f.path("key").asText())
        .contains(AcceptanceTaskListener.NOTES);
  }

  @Test
  void missingDocumentsFormAsksForTheConfirmationTheListenerRequires() throws IOException {
    JsonNode confirmation = fields(form("receive-missing-documents")).stream()
        .filter(f -> f.path("key").asText().equals(MissingDocumentsTaskListener.DOCUMENTS_RECEIVED))
        .findFirst().orElseThrow();

    assertThat(confirmation.path("type").asText()).isEqualTo("checkbox");
    assertThat(confirmation.path("validate").path("required").asBoolean()).isTrue();
  }

  @Test
  void everyValueTheTaskFormsShowIsProvidedByTheSummary() throws IOException {
    Set<String> provided = new HashSet<>(summaryOf(sampleApplication()).keySet());
    provided.add("applicationId"); // process variable

    for (String formId : List.of("accept-application", "receive-missing-documents")) {
      for (String name : valuesShown(form(formId))) {
        assertThat(provided).as("%s shows %s", formId, name).contains(name);
      }
    }
  }

  /**
   * The staff forms that show the enterprise's industry show it with its GB/T 4754 name ({@code industryText},
   * {@code C34 通用设备制造业}), not the bare code.
   */
  @Test
  void staffFormsShowTheIndustryWithItsName() throws IOException {
    assertThat(summaryOf(sampleApplication())).containsEntry("industryText", "C34 通用设备制造业")
        .containsEntry("industryCode", "C34");
    List<String> showingTheIndustry = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        String id = file.getFileName().toString().replace(".form", "");
        Set<String> shown = valuesShown(form(id));
        assertThat(shown).as("%s shows the bare industry code", id).doesNotContain("industryCode");
        if (shown.contains("industryText")) {
          showingTheIndustry.add(id);
        }
      }
    }
    assertThat(showingTheIndustry).contains("accept-application", "approve-loan", "check-disbursement", "committee-vote",
        "decide-committee-resolution", "verify-remotely", "investigate-on-site", "review-exception");
  }

  // --- helpers -----------------------------------------------------------------------------------

  static JsonNode form(String id) throws IOException {
    try (InputStream in = AcceptanceFormTest.class.getClassLoader().getResourceAsStream("forms/" + id + ".form")) {
      assertThat(in).as("forms/%s.form on the classpath", id).isNotNull();
      return JSON.readTree(in);
    }
  }

  /** Every component with a key, also inside groups. */
  static List<JsonNode> fields(JsonNode form) {
    List<JsonNode> fields = new ArrayList<>();
    collect(form.path("components"), fields);
    return fields;
  }

  private static void collect(JsonNode components, List<JsonNode> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        fields.add(component);
      }
      collect(component.path("components"), fields);
    }
  }

  /** Names used in text templates ({{name}}) and in conditions (=not(name)) of a form. */
  private static Set<String> valuesShown(JsonNode form) {
    Set<String> names = new HashSet<>();
    List<JsonNode> all = new ArrayList<>();
    collectAll(form.path("components"), all);
    for (JsonNode component : all) {
      Matcher template = TEMPLATE_VALUE.matcher(component.path("text").asText());
      while (template.find()) {
        names.add(template.group(1));
      }
      String hide = component.path("conditional").path("hide").asText();
      Matcher feel = FEEL_NAME.matcher(hide.startsWith("=") ? hide.substring(1) : "");
      while (feel.find()) {
        if (!List.of("not", "and", "or", "true", "false", "null").contains(feel.group())) {
          names.add(feel.group());
        }
      }
    }
    return names;
  }

  private static void collectAll(JsonNode components, List<JsonNode> all) {
    for (JsonNode component : components) {
      all.add(component);
      collectAll(component.path("components"), all);
    }
  }

  private static java.util.Map<String, Object> summaryOf(LoanApplication application) {
    BranchDirectory branches = new BranchDirectory(null) {
      @Override
      public Optional<Branch> find(String code) {
        return Optional.of(new Branch(code, "汇川支行"));
      }
    };
    return new ApplicationSummary(new LoanApplicationRepository(null) {
      @Override
      public java.util.List<Guarantor> guarantorsOf(String applicationId) {
        return java.util.List.of();
      }
    }, branches).summary(application);
  }

  private static LoanApplication sampleApplication() {
    return new LoanApplication("SL20261123000001", Channel.BRANCH_COUNTER, "ZY001", Product.MORTGAGE_QUICK,
        "遵义市汇川区明达机械加工有限公司", "91520303MA6DKQ8X4A", "C34", LocalDate.of(2016, 4, 18),
        new BigDecimal("6500000.00"), "张明", "52030219850714321X", "13985012345", "zhangming@example.com",
        new BigDecimal("800000.00"), 36, "购置生产设备", GuaranteeType.MORTGAGE, CollateralType.INDUSTRIAL_PROPERTY,
        "汇川区工业园3号厂房", new BigDecimal("2400000.00"),
        List.of(RequiredDocument.BANK_STATEMENTS), "channel", Instant.parse("2026-11-23T01:00:00Z"));
  }
}
