package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.disbursement.SandboxMortgageRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;

class SandboxGuardTest {

  private static GenericApplicationContext contextWithSandboxRegistry() {
    GenericApplicationContext context = new GenericApplicationContext();
    context.registerBean("sandboxMortgageRegistry", SandboxMortgageRegistry.class, () -> new SandboxMortgageRegistry(null, null));
    context.refresh();
    return context;
  }

  @Test
  void productionRefusesToStartWithASandboxNamingIt() {
    try (GenericApplicationContext context = contextWithSandboxRegistry()) {
      assertThatThrownBy(() -> new SandboxGuard(context, false).check())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("sandboxMortgageRegistry")
          .hasMessageContaining("SMELOAN_SANDBOX_ALLOWED");
    }
  }

  /**
   * The job executor starts when the process application is deployed at the end of the context's refresh, the web
   * server as a lifecycle bean just before: neither may start on a production database while a sandbox is in place,
   * or due jobs (a disbursement) would run against the sandbox before the start is refused.
   */
  @Test
  void productionRefusesBeforeTheJobExecutorAndTheWebServerStart() {
    AtomicBoolean started = new AtomicBoolean();
    GenericApplicationContext context = new GenericApplicationContext();
    context.registerBean("sandboxMortgageRegistry", SandboxMortgageRegistry.class, () -> new SandboxMortgageRegistry(null, null));
    context.registerBean(SandboxGuard.class, () -> new SandboxGuard(context, false));
    context.registerBean("jobExecutorAndWebServer", SmartLifecycle.class, () -> new SmartLifecycle() {
      @Override
      public void start() {
        started.set(true);
      }

      @Override
      public void stop() {
      }

      @Override
      public boolean isRunning() {
        return started.get();
      }
    });
    context.addApplicationListener(event -> {
      if (event instanceof ContextRefreshedEvent) {
        started.set(true);
      }
    });

    assertThatThrownBy(context::refresh).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sandboxMortgageRegistry");
    assertThat(started).as("anything started before the refusal").isFalse();
  }

  @Test
  void productionStartsWithoutSandboxes() {
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      context.registerBean(SandboxGuard.class, () -> new SandboxGuard(context, false));
      assertThatCode(context::refresh).doesNotThrowAnyException();
    }
  }

  @Test
  void demoAndStagingMayRunOnSandboxes() {
    try (GenericApplicationContext context = contextWithSandboxRegistry()) {
      assertThatCode(() -> new SandboxGuard(context, true).check()).doesNotThrowAnyException();
    }
  }
}
