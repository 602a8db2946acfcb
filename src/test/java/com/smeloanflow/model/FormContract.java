package com.smeloanflow.model;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the code says a form may do, declared from the code's own constants: which fields a
 * submission writes (and the code reads back), and which variables the form may show because the
 * process or a task listener sets them. {@link FormFieldMappingTest} compares each form with its
 * contract, so renaming a field in the form, or a constant in the code, fails the build.
 *
 * @param formId    the form's {@code id}, as {@code camunda:formRef} names it
 * @param writes    keys of the form's input fields: exactly these, each consumed by the code
 * @param readable  variables the form may read (templates, conditions): set by the process or a listener
 */
public record FormContract(String formId, Set<String> writes, Set<String> readable) {

  public static FormContract of(String formId, Collection<String> writes, Collection<String> readable) {
    return new FormContract(formId, new TreeSet<>(writes), new TreeSet<>(readable));
  }
}
