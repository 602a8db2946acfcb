package com.smeloanflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The counter start form and {@link CounterIntakeListener} stay in step: the listener reads every
 * field the form has, names bad fields by the labels the clerk sees, and the form offers exactly
 * the values intake accepts.
 */
class CounterIntakeFormTest {

  @Test
  void formHasExactlyTheFieldsTheListenerReadsWithTheSameLabels() throws IOException {
    List<JsonNode> fields = AcceptanceFormTest.fields(AcceptanceFormTest.form("counter-intake"));

    assertThat(fields).extracting(f -> f.path("key").asText())
        .containsExactlyElementsOf(CounterIntakeListener.FORM_FIELDS.keySet());
    for (JsonNode field : fields) {
      String label = field.hasNonNull("label") ? field.path("label").asText() : field.path("dateLabel").asText();
      assertThat(label).as("label of %s", field.path("key").asText())
          .isEqualTo(CounterIntakeListener.FORM_FIELDS.get(field.path("key").asText()));
    }
  }

  @Test
  void selectsOfferExactlyTheValuesIntakeAccepts() throws IOException {
    List<JsonNode> fields = AcceptanceFormTest.fields(AcceptanceFormTest.form("counter-intake"));

    assertThat(options(fields, "product")).containsExactlyElementsOf(names(Product.values()));
    assertThat(options(fields, "guaranteeType")).containsExactlyInAnyOrderElementsOf(names(GuaranteeType.values()));
    assertThat(options(fields, "collateralType")).containsExactlyInAnyOrderElementsOf(names(CollateralType.values()));
  }

  @Test
  void everyRequiredFormFieldIsRequiredByIntakeToo() throws IOException {
    // Collateral fields are required only when shown (guarantee type MORTGAGE), like the validator requires them.
    // Guarantor fields are shown for GUARANTEE and JOINT_GUARANTEE; how many guarantors a loan needs is the
    // validator's rule (one, or two enterprises of the group), so the second guarantor is optional in the form.
    List<JsonNode> fields = AcceptanceFormTest.fields(AcceptanceFormTest.form("counter-intake"));

    assertThat(fields).filteredOn(f -> !f.path("key").asText().startsWith("guarantor")).allSatisfy(field ->
        assertThat(field.path("validate").path("required").asBoolean()).as(field.path("key").asText()).isTrue());
    assertThat(fields).filteredOn(f -> f.path("key").asText().startsWith("collateral"))
        .allSatisfy(field -> assertThat(field.path("conditional").path("hide").asText())
            .isEqualTo("=guaranteeType != \"MORTGAGE\""));
    assertThat(fields).filteredOn(f -> f.path("key").asText().startsWith("guarantor")).hasSize(10)
        .allSatisfy(field -> assertThat(field.path("conditional").path("hide").asText())
            .isEqualTo("=guaranteeType != \"GUARANTEE\" and guaranteeType != \"JOINT_GUARANTEE\""));
  }

  private static List<String> options(List<JsonNode> fields, String key) {
    JsonNode select = fields.stream().filter(f -> f.path("key").asText().equals(key)).findFirst().orElseThrow();
    return StreamSupport.stream(select.path("values").spliterator(), false).map(v -> v.path("value").asText()).toList();
  }

  private static List<String> names(Enum<?>[] values) {
    return Stream.of(values).map(Enum::name).toList();
  }
}
