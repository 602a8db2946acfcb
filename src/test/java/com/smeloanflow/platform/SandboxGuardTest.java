package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.disbursement.SandboxMortgageRegistry;
import org.junit.jupiter.api.Test;
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

  @Test
  void demoAndStagingMayRunOnSandboxes() {
    try (GenericApplicationContext context = contextWithSandboxRegistry()) {
      assertThatCode(() -> new SandboxGuard(context, true).check()).doesNotThrowAnyException();
    }
  }
}
