package com.smeloanflow.platform;

import java.beans.FeatureDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploying a model is running code: every {@code ${...}} in a BPMN or DMN file is evaluated by the
 * engine. By default Camunda's Spring integration lets an expression reach every Spring bean
 * ({@code ${environment.getProperty('spring.datasource.password')}}) and, through any object's
 * {@code getClass()}, Java reflection. This confines expressions:
 * <ul>
 *   <li>Beans: only those the build's own models name ({@code bpmn/*.bpmn}, {@code bpmn/*.dmn} on the
 *       classpath, read once at the first expression) plus {@code smeloan.engine.expression-beans}.
 *       A model deployed later over REST or Cockpit cannot widen the list: a new bean needs a new
 *       build. The list is logged at start.</li>
 *   <li>Reflection and the engine's internals: {@link ReflectionGuard} refuses, in front of every
 *       other resolver, {@code getClass()}, class loaders, {@code java.lang.reflect}, the Spring
 *       context and environment, the process engine and its configuration (from which an expression
 *       could change users or grants).</li>
 * </ul>
 * Camunda's Spring Boot starter builds the expression manager from
 * {@code ProcessEngineConfiguration#getBeans()} before any engine plugin runs, so this sets a
 * restricted manager on the configuration bean when Spring creates it (a {@link BeanPostProcessor}).
 */
public class ExpressionSandbox implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(ExpressionSandbox.class);
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'|\"[^\"]*\"|&quot;.*?&quot;|&apos;.*?&apos;");
  /** An identifier that does not follow a dot: a root name (variable, bean or function). */
  private static final Pattern ROOT_IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)");

  private final ApplicationContext context;
  private final Set<String> extraBeans;

  public ExpressionSandbox(ApplicationContext context, Set<String> extraBeans) {
    this.context = context;
    this.extraBeans = extraBeans;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
    if (bean instanceof ProcessEngineConfigurationImpl configuration) {
      configuration.setExpressionManager(new RestrictedExpressionManager(context, new AllowedBeans(this)));
    }
    return bean;
  }

  private volatile Set<String> allowed;

  /** The bean names expressions may use; computed once, when the context is up. */
  Set<String> allowedBeanNames() {
    if (allowed == null) {
      synchronized (this) {
        if (allowed == null) {
          Set<String> names = new TreeSet<>(extraBeans);
          for (String identifier : rootIdentifiersOfBuiltModels()) {
            if (context.containsBean(identifier)) {
              names.add(identifier);
            }
          }
          names.removeIf(name -> !context.containsBean(name));
          allowed = Set.copyOf(names);
          log.info("Expressions in process and decision models may use these beans only: {}", new TreeSet<>(allowed));
        }
      }
    }
    return allowed;
  }

  /** Every identifier at the root of an expression in the models of the build. */
  static Set<String> rootIdentifiersOfBuiltModels() {
    Set<String> identifiers = new TreeSet<>();
    try {
      PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
      Resource[] models = concat(resolver.getResources("classpath*:bpmn/*.bpmn"), resolver.getResources("classpath*:bpmn/*.dmn"));
      for (Resource model : models) {
        try (InputStream in = model.getInputStream()) {
          identifiers.addAll(rootIdentifiers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the models of the build", e);
    }
    return identifiers;
  }

  private static Resource[] concat(Resource[] a, Resource[] b) {
    Resource[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static Set<String> rootIdentifiers(String model) {
    Set<String> identifiers = new TreeSet<>();
    Matcher expression = EXPRESSION.matcher(model);
    while (expression.find()) {
      Matcher identifier = ROOT_IDENTIFIER.matcher(STRING_LITERAL.matcher(expression.group(1)).replaceAll(""));
      while (identifier.find()) {
        identifiers.add(identifier.group(1));
      }
    }
    return identifiers;
  }

  /** The allowed beans as the read-only map Camunda's expression manager looks names up in; a bean is fetched on use. */
  static final class AllowedBeans extends AbstractMap<Object, Object> {
    private final ExpressionSandbox sandbox;

    AllowedBeans(ExpressionSandbox sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && sandbox.allowedBeanNames().contains(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? sandbox.context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Set<Entry<Object, Object>> entries = new java.util.LinkedHashSet<>();
      for (String name : sandbox.allowedBeanNames()) {
        entries.add(Map.entry(name, sandbox.context.getBean(name)));
      }
      return entries;
    }
  }

  /** Spring's expression manager with the allowed beans only and the reflection guard in front. */
  static final class RestrictedExpressionManager extends SpringExpressionManager {
    RestrictedExpressionManager(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new ReflectionGuard());
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /**
   * Refuses to read a property of, or call a method on, what leads out of the model's business: the
   * class of an object, class loaders, reflection, the Spring context and environment, the process
   * engine and its configuration. It never resolves anything itself; every other lookup goes on to
   * the next resolver.
   */
  static final class ReflectionGuard extends ELResolver {

    private static final Set<String> METHODS = Set.of("getClass", "getClassLoader", "forName", "loadClass",
        "newInstance", "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField",
        "getDeclaredField", "getConstructor", "getDeclaredConstructor", "invoke", "exec", "getRuntime",
        "getProcessEngine", "getProcessEngineServices", "getProcessEngineConfiguration", "getEnvironment",
        "getApplicationContext", "getBean", "getBeanFactory", "wait", "notify", "notifyAll");
    private static final Set<String> PROPERTIES = Set.of("class", "classLoader", "processEngine",
        "processEngineServices", "processEngineConfiguration", "environment", "applicationContext", "beanFactory",
        "runtime", "declaredMethods", "declaredFields", "methods", "fields", "module", "protectionDomain");
    private static final Set<String> TYPE_PREFIXES = Set.of("java.lang.reflect.", "java.lang.invoke.",
        "org.camunda.bpm.engine.impl.cfg.", "javax.script.", "javax.naming.", "java.sql.", "javax.sql.");

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base != null && (refusedType(base) || PROPERTIES.contains(String.valueOf(property)))) {
        throw refuse(base, "property " + property);
      }
      return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base != null && (refusedType(base) || METHODS.contains(String.valueOf(method)))) {
        throw refuse(base, "method " + method + "()");
      }
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      getValue(context, base, property);
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      getValue(context, base, property);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      getValue(context, base, property);
      return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }

    static boolean refusedType(Object base) {
      if (base instanceof Class<?> || base instanceof ClassLoader || base instanceof Runtime || base instanceof Thread
          || base instanceof ProcessBuilder || base instanceof Module || base instanceof ThreadGroup
          || base instanceof org.camunda.bpm.engine.ProcessEngine
          || base instanceof org.camunda.bpm.engine.ProcessEngineServices
          || base instanceof org.camunda.bpm.engine.ProcessEngineConfiguration
          || base instanceof org.springframework.context.ApplicationContext
          || base instanceof org.springframework.beans.factory.BeanFactory
          || base instanceof org.springframework.core.env.Environment) {
        return true;
      }
      for (Class<?> type = base.getClass(); type != null; type = type.getSuperclass()) {
        if (refusedName(type)) {
          return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
          if (refusedName(implemented)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean refusedName(Class<?> type) {
      String name = type.getName();
      return TYPE_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static ProcessEngineException refuse(Object base, String what) {
      return new ProcessEngineException("Expression refused: " + what + " of " + base.getClass().getSimpleName()
          + " is not available in process models (see docs/security.md)");
    }
  }
}
