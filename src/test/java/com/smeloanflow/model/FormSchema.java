package com.smeloanflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Camunda Form (form-js JSON in {@code forms/}) reads and writes: the keys of its input
 * fields (written on submit, and shown prefilled when a variable of that name exists) and the
 * variables its text templates ({@code {{enterpriseName}}}) and conditions ({@code =not(x)})
 * read. Used by the static form check and by the browser tests on the form the engine deployed.
 */
public record FormSchema(String id, String file, Map<String, String> inputs, Set<String> reads) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern FEEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern FEEL_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  /** FEEL keywords and built-in functions a condition may use; anything else is a variable. */
  private static final Set<String> FEEL_WORDS = Set.of("not", "and", "or", "true", "false", "null", "if", "then",
      "else", "for", "in", "return", "some", "every", "satisfies", "instance", "of", "between", "is", "defined",
      "contains", "count", "sum", "min", "max", "string", "number", "length", "upper", "lower", "case", "date",
      "time", "now", "today", "abs", "floor", "ceiling", "substring", "matches", "starts", "ends", "with",
      "list", "get", "value", "append", "concatenate", "distinct", "values", "flatten", "sort");
  /** Component types that hold a value under {@code key}. */
  private static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist",
      "radio", "select", "taglist", "datetime", "filepicker");

  public static FormSchema parse(String file, InputStream json) {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, String> inputs = new LinkedHashMap<>();
      Set<String> reads = new LinkedHashSet<>();
      collect(root.path("components"), inputs, reads);
      reads.removeAll(inputs.keySet()); // a condition on another field of the same form reads that field
      return new FormSchema(root.path("id").asText(), file, inputs, reads);
    } catch (IOException e) {
      throw new UncheckedIOException("Form " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public static FormSchema parse(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.getFileName().toString(), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code *.form} in a folder, by form id. */
  public static Map<String, FormSchema> all(Path folder) {
    Map<String, FormSchema> forms = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.filter(f -> f.toString().endsWith(".form")).sorted().map(FormSchema::parse)
          .forEach(form -> forms.put(form.id(), form));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  /** Labels of the input fields (what staff see), by key. */
  public Map<String, String> labelsByKey() {
    return inputs;
  }

  private static void collect(JsonNode components, Map<String, String> inputs, Set<String> reads) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (INPUT_TYPES.contains(type) && component.hasNonNull("key")) {
        String label = component.hasNonNull("label") ? component.get("label").asText()
            : component.path("dateLabel").asText(component.get("key").asText());
        inputs.put(component.get("key").asText(), label);
      }
      if (component.hasNonNull("text")) {
        Matcher m = TEMPLATE_VARIABLE.matcher(component.get("text").asText());
        while (m.find()) {
          reads.add(m.group(1));
        }
      }
      JsonNode hide = component.path("conditional").path("hide");
      if (hide.isTextual()) {
        reads.addAll(feelVariables(hide.asText()));
      }
      for (String expressionProperty : List.of("label", "description", "readonly", "disabled")) {
        JsonNode value = component.path(expressionProperty);
        if (value.isTextual() && value.asText().startsWith("=")) {
          reads.addAll(feelVariables(value.asText()));
        }
      }
      if (component.has("components")) {
        collect(component.get("components"), inputs, reads);
      }
    }
  }

  static Set<String> feelVariables(String expression) {
    String body = FEEL_STRING.matcher(expression.startsWith("=") ? expression.substring(1) : expression).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = FEEL_NAME.matcher(body);
    while (m.find()) {
      if (!FEEL_WORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  public List<String> inputKeys() {
    return new ArrayList<>(inputs.keySet());
  }
}
