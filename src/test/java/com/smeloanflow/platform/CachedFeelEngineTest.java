package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * {@link CachedFeelEngine} answers what Camunda's own FEEL engine answers, for unary tests and input
 * expressions of the kinds the decision tables use, for built-in functions, nulls, and failures (same
 * message), also when the same text is evaluated again from the cache and from many threads.
 */
class CachedFeelEngineTest {

  private final FeelEngine camunda = new ScalaFeelEngine(List.of());
  private final FeelEngine cached = new CachedFeelEngine(List.of());

  private static VariableMap facts() {
    return Variables.createVariables()
        .putValue("facts", Map.of("score", 82, "amount", new BigDecimal("100000.00"), "product", "CREDIT_QUICK",
            "onlineChannel", true, "requestedOn", LocalDate.of(2026, 12, 1), "flags", List.of("A", "B")))
        .putValue("limit", new BigDecimal("5000000"))
        .putValue("nothing", null);
  }

  record UnaryTest(String expression, Object input) {}

  private static final List<UnaryTest> UNARY_TESTS = List.of(
      new UnaryTest(">= 80", 82), new UnaryTest(">= 80", 79), new UnaryTest("[60..80)", 80), new UnaryTest("[60..80)", 60),
      new UnaryTest("\"CREDIT_QUICK\",\"MORTGAGE_QUICK\"", "CREDIT_QUICK"), new UnaryTest("not(\"CREDIT_QUICK\")", "CREDIT_QUICK"),
      new UnaryTest("<= limit", new BigDecimal("5000000.00")), new UnaryTest("> limit", new BigDecimal("100")),
      new UnaryTest("true", true), new UnaryTest("false", true), new UnaryTest("null", null), new UnaryTest("-", null),
      new UnaryTest("", "x"), new UnaryTest(">= 80", null), new UnaryTest("< date(\"2027-01-01\")", LocalDate.of(2026, 12, 1)),
      new UnaryTest("string length(?) > 3", "CREDIT"), new UnaryTest("list contains(facts.flags, ?)", "B"),
      new UnaryTest("? > facts.score", 90), new UnaryTest("> nothing", 5));

  private static final List<String> EXPRESSIONS = List.of(
      "facts.score", "facts.amount", "facts.amount / 10000", "facts.product", "facts.onlineChannel", "facts.missing",
      "if facts.score >= 80 then \"AUTO\" else \"MANUAL\"", "\"AUTO\"", "0.0435", "floor(facts.amount / 3)",
      "count(facts.flags)", "facts.requestedOn + duration(\"P3M\")", "upper case(facts.product)", "nothing", "null", "unknownFunction(1)",
      "date(\"nonsense\") + 1");

  private static final List<String> FAILING = List.of("facts.score >", "[1..", "assert(facts.score, facts.score > 100)",
      "function(a, b) external {java: {class: \"java.lang.Math\", method signature: \"max(int, int)\"}}");

  @Test
  void unaryTestsAnswerAsCamundasEngine() {
    for (int round = 0; round < 2; round++) {
      for (UnaryTest test : UNARY_TESTS) {
        VariableMap variables = facts().putValue("cellInput", test.input());
        assertThat(outcome(() -> cached.evaluateSimpleUnaryTests(test.expression(), "cellInput", variables.asVariableContext())))
            .as(test.toString())
            .isEqualTo(outcome(() -> camunda.evaluateSimpleUnaryTests(test.expression(), "cellInput", variables.asVariableContext())));
      }
    }
  }

  @Test
  void expressionsAnswerAsCamundasEngine() {
    for (int round = 0; round < 2; round++) {
      for (String expression : EXPRESSIONS) {
        assertThat(outcome(() -> cached.evaluateSimpleExpression(expression, facts().asVariableContext())))
            .as(expression)
            .isEqualTo(outcome(() -> camunda.evaluateSimpleExpression(expression, facts().asVariableContext())));
      }
    }
  }

  @Test
  void failuresAreTheSameFeelExceptions() {
    for (String expression : FAILING) {
      Throwable ours = catchThrowable(() -> cached.evaluateSimpleExpression(expression, facts().asVariableContext()));
      Throwable theirs = catchThrowable(() -> camunda.evaluateSimpleExpression(expression, facts().asVariableContext()));
      assertThat(ours).as(expression).isInstanceOf(FeelException.class).hasMessage(theirs.getMessage());
      Throwable oursAgain = catchThrowable(() -> cached.evaluateSimpleExpression(expression, facts().asVariableContext()));
      assertThat(oursAgain).as(expression + " again").isInstanceOf(FeelException.class).hasMessage(theirs.getMessage());
    }
  }

  @Test
  void manyThreadsShareTheParsedExpressions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        int score = i % 100;
        Callable<Boolean> evaluation = () -> cached.evaluateSimpleUnaryTests("[60..80)", "cellInput",
            Variables.createVariables().putValue("cellInput", score).asVariableContext());
        answers.add(pool.submit(evaluation));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).as("score " + i % 100).isEqualTo(i % 100 >= 60 && i % 100 < 80);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The value, or the exception's type and message. */
  private static Object outcome(Callable<Object> evaluation) {
    try {
      return evaluation.call();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
