package com.smeloanflow.platform;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The outside systems (external data, core banking, e-signature, mortgage registry) have sandbox
 * implementations that behave like them but move no real money and check no real data. Where
 * {@code smeloan.sandbox.allowed} is false (the production profile), the application refuses to
 * start while any sandbox is still in place, naming them. It checks once every bean exists and before
 * anything starts: the job executor (started when the process application is deployed, at the context's
 * refresh) would otherwise run due jobs of the production database against the sandboxes (a disbursement
 * booked in the sandbox ledger, the loan shown as paid out) and the web server would already answer.
 */
@Component
public class SandboxGuard implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SandboxGuard.class);

  private final ApplicationContext context;
  private final boolean allowed;

  public SandboxGuard(ApplicationContext context, @Value("${smeloan.sandbox.allowed:true}") boolean allowed) {
    this.context = context;
    this.allowed = allowed;
  }

  @Override
  public void afterSingletonsInstantiated() {
    check();
  }

  void check() {
    List<String> sandboxes = Arrays.stream(context.getBeanDefinitionNames())
        .filter(name -> {
          Class<?> type = context.getType(name);
          return type != null && type != SandboxGuard.class && type.getName().startsWith("com.smeloanflow")
              && type.getSimpleName().startsWith("Sandbox") && type.getInterfaces().length > 0;
        })
        .toList();
    if (sandboxes.isEmpty()) {
      return;
    }
    if (!allowed) {
      throw new IllegalStateException("Sandbox implementations of outside systems are in place but smeloan.sandbox.allowed"
          + " is false (production profile): " + sandboxes + ". Configure the real adapters, or set"
          + " SMELOAN_SANDBOX_ALLOWED=true for a staging environment.");
    }
    log.warn("Outside systems are sandboxes (no real money, no real data): {}", sandboxes);
  }
}
