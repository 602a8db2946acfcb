package com.smeloanflow.platform;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;

/**
 * Camunda's FEEL engine of the decision tables with the same semantics, minus two costs it pays on every
 * cell. feel-scala 1.19 builds its whole table of built-in functions (some 150 functions) for every
 * evaluation, and Camunda's adapter parses the cell's text every time it is evaluated: together about 80 %
 * of the CPU of a decision table evaluation, and the four tables of an AUTO application were about 15 % of
 * the application's CPU (docs/performance.md, "The AUTO path"). Here the built-in functions are built once
 * per engine (they hold no state: the clock and the value mapper) and each expression is parsed and
 * validated once, then kept by its text. Evaluation itself is feel-scala's interpreter, with a fresh
 * context per evaluation as before, and a failure is the same {@code FeelException} with the same message.
 */
public class CachedFeelEngine extends ScalaFeelEngine {

  /** Distinct expression texts kept; the deployed tables have a few hundred, each redeployment may add some. */
  static final int MAX_CACHED = 10_000;

  private final java.util.Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final java.util.Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
  private final FeelInterpreter interpreter;
  private final FunctionProvider functions;

  public CachedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
    interpreter = new FeelInterpreter(feelEngine.valueMapper());
    functions = new FunctionProvider.CompositeFunctionProvider(toScalaList(
        new BuiltinFunctions(feelEngine.clock(), feelEngine.valueMapper()), feelEngine.functionProvider()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
    return (T) evaluate(parsed, new ContextVariableWrapper(variableContext));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
    StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
    return BoxesRunTime.unboxToBoolean(evaluate(parsed,
        new CompositeVariableProvider(toScalaList(input, new ContextVariableWrapper(variableContext)))));
  }

  private ParsedExpression parsed(java.util.Map<String, ParsedExpression> cache, String expression,
      Function<String, Either<Failure, ParsedExpression>> parser) {
    ParsedExpression parsed = cache.get(expression);
    if (parsed != null) {
      return parsed;
    }
    Either<Failure, ParsedExpression> result = parser.apply(expression);
    if (result instanceof Left<Failure, ParsedExpression> failure) {
      throw LOGGER.evaluationException(failure.value().message());
    }
    parsed = result.toOption().get();
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(expression, parsed);
    return parsed;
  }

  /** feel-scala's {@code FeelEngine.evaluate} of an already validated expression, on the shared built-in functions. */
  private Object evaluate(ParsedExpression parsed, VariableProvider variables) {
    String failure;
    try {
      EvalContext context = EvalContext.create(feelEngine.valueMapper(), functions).merge(new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return variables;
        }
      });
      Val value = interpreter.eval(parsed.expression(), context);
      EvaluationFailure assertion = context.failureCollector().failures()
          .find(f -> EvaluationFailureType.ASSERT_FAILURE$.MODULE$.equals(f.failureType())).getOrElse(() -> null);
      if (assertion != null) {
        failure = "Assertion failure on evaluate the expression '" + parsed.text() + "': " + assertion.failureMessage();
      } else if (value instanceof ValError error) {
        failure = "failed to evaluate expression '" + parsed.text() + "': " + error.error();
      } else if (value instanceof ValFatalError error) {
        failure = "failed to evaluate expression '" + parsed.text() + "': " + error.error();
      } else {
        return feelEngine.valueMapper().unpackVal(value);
      }
    } catch (RuntimeException | StackOverflowError e) {
      failure = "failed to evaluate expression '" + parsed.text() + "' : " + e;
    }
    throw LOGGER.evaluationException(failure);
  }
}
