package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.camunda.bpm.admin.impl.web.AdminApplication;
import org.camunda.bpm.cockpit.impl.web.CockpitApplication;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.ServletProperties;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockServletContext;

/**
 * Where the bank's refusal mappers go in the webapps as Tomcat starts them: to the servlet of the webapps' engine API
 * (Tasklist's), found by the JAX-RS application it serves whatever Camunda names it, and nowhere else; with the webapps
 * on and no such servlet to take them, the application does not start, rather than answer Tasklist's refusals 500.
 */
class EngineRefusalAnswersTest {

  private static final String MAPPERS = EngineRefusalAnswers.EngineExceptionRefusal.class.getName() + ","
      + EngineRefusalAnswers.RestExceptionRefusal.class.getName();

  @Test
  void theLogNamesARefusalByItsCodeOrElseByTheEnginesMessageId() {
    assertThat(EngineRefusalAnswers.refusalName(new ProcessEngineException("任务已被同事领取", 20409))).isEqualTo("20409");
    assertThat(EngineRefusalAnswers.refusalName(new BadUserRequestException("ENGINE-13024 Cannot skip custom listeners or "
        + "input/output mappings when start a process instance at default start activity."))).isEqualTo("ENGINE-13024");
    assertThat(EngineRefusalAnswers.refusalName(new BadUserRequestException("no id here"))).isEqualTo("uncoded");
  }

  @Test
  void theWebappsEngineApiGetsTheMappersWhateverCamundaNamesItsServlet() throws Exception {
    Servlets servlets = new Servlets()
        .jersey("Cockpit Api", CockpitApplication.class)
        .jersey("Camunda Engine REST API", EngineRestApplication.class)
        .jersey("Admin Api", AdminApplication.class);

    startTomcat(servlets, true);

    assertThat(servlets.get("Camunda Engine REST API").getInitParameter(ServerProperties.PROVIDER_CLASSNAMES)).isEqualTo(MAPPERS);
    assertThat(servlets.get("Cockpit Api").getInitParameter(ServerProperties.PROVIDER_CLASSNAMES)).isNull();
    assertThat(servlets.get("Admin Api").getInitParameter(ServerProperties.PROVIDER_CLASSNAMES)).isNull();
  }

  @Test
  void theApplicationDoesNotStartWhenNoServletOfTheWebappsEngineApiTakesTheMappers() {
    Servlets withoutEngineApi = new Servlets().jersey("Cockpit Api", CockpitApplication.class);
    Servlets providersOfItsOwn = new Servlets().jersey("Engine Api", EngineRestApplication.class);
    providersOfItsOwn.get("Engine Api").setInitParameter(ServerProperties.PROVIDER_CLASSNAMES, "org.example.CamundasOwnMapper");

    for (Servlets servlets : new Servlets[] {withoutEngineApi, providersOfItsOwn}) {
      assertThatThrownBy(() -> startTomcat(servlets, true)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("No servlet of the webapps' engine API (JAX-RS application " + EngineRestApplication.class.getName());
    }
  }

  @Test
  void withTheWebappsTurnedOffThereIsNoEngineApiOfTheirsAndTheApplicationStarts() throws Exception {
    Servlets none = new Servlets();

    startTomcat(none, false);

    assertThat(none.getServletRegistrations()).isEmpty();
  }

  /** Runs the bean's initializer as Tomcat does, after Camunda's registered the servlets (none with the webapps off). */
  private static void startTomcat(Servlets servlets, boolean webappsOn) throws Exception {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (webappsOn) {
      beans.addBean("camundaBpmWebappInitializer", new CamundaBpmWebappInitializer(new CamundaBpmProperties()));
    }
    Context tomcat = mock(Context.class);
    new EngineRefusalAnswers().engineRefusalMappersOnWebappEngineApi(beans.getBeanProvider(CamundaBpmWebappInitializer.class))
        .customize(tomcat);
    ArgumentCaptor<ServletContainerInitializer> initializer = ArgumentCaptor.forClass(ServletContainerInitializer.class);
    verify(tomcat).addServletContainerInitializer(initializer.capture(), isNull());
    initializer.getValue().onStartup(null, servlets);
  }

  /** A servlet context with Jersey servlets as Camunda's webapp starter registers them: one per JAX-RS application. */
  private static final class Servlets extends MockServletContext {
    private final Map<String, Servlet> servlets = new LinkedHashMap<>();

    Servlets jersey(String name, Class<?> application) {
      Servlet servlet = new Servlet(name);
      servlet.setInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS, application.getName());
      servlets.put(name, servlet);
      return this;
    }

    Servlet get(String name) {
      return servlets.get(name);
    }

    @Override
    public ServletRegistration getServletRegistration(String servletName) {
      return servlets.get(servletName);
    }

    @Override
    public Map<String, ? extends ServletRegistration> getServletRegistrations() {
      return servlets;
    }
  }

  private static final class Servlet implements ServletRegistration {
    private final String name;
    private final Map<String, String> initParameters = new HashMap<>();

    Servlet(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getClassName() {
      return ServletContainer.class.getName();
    }

    @Override
    public boolean setInitParameter(String parameter, String value) {
      return initParameters.putIfAbsent(parameter, value) == null;
    }

    @Override
    public String getInitParameter(String parameter) {
      return initParameters.get(parameter);
    }

    @Override
    public Set<String> setInitParameters(Map<String, String> parameters) {
      parameters.forEach(this::setInitParameter);
      return Set.of();
    }

    @Override
    public Map<String, String> getInitParameters() {
      return Map.copyOf(initParameters);
    }

    @Override
    public Set<String> addMapping(String... urlPatterns) {
      return Set.of();
    }

    @Override
    public Collection<String> getMappings() {
      return Set.of();
    }

    @Override
    public String getRunAsRole() {
      return null;
    }
  }
}
