package com.smeloanflow.model;

import com.smeloanflow.intake.IntakeFormContracts;
import java.util.ArrayList;
import java.util.List;

/**
 * Every form's contract, one line per stage. A new form in {@code forms/} needs a contract here
 * (declared next to the stage's code), or {@link FormFieldMappingTest} fails.
 */
public final class FormContracts {

  private FormContracts() {}

  public static List<FormContract> all() {
    List<FormContract> all = new ArrayList<>();
    all.addAll(IntakeFormContracts.all());
    return all;
  }
}
