package com.smeloanflow.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.springframework.stereotype.Component;

/**
 * The engine's own metrics as Micrometer counters of this node, for {@code /actuator/prometheus}:
 * every occurrence the engine counts (job acquisition attempts, jobs acquired, jobs that could not be
 * locked because another node took them, jobs rejected by a full queue, jobs run and failed, activity
 * instances, decisions, ...) also increments {@code camunda.<metric name>}, e.g.
 * {@code camunda_job_acquired_success_total}, {@code camunda_job_failed_total}.
 *
 * <p>Camunda writes the same counts to its database every 15 minutes (Cockpit's metrics, summed over
 * the cluster); a scrape needs them as they happen and per node, which only the engine's metrics
 * registry sees, so this plugin puts in a registry that forwards.
 */
@Component
public class EngineMetrics extends AbstractProcessEnginePlugin {

  private final MeterRegistry meters;

  public EngineMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setMetricsRegistry(new ForwardingMetricsRegistry(meters));
  }

  /** The engine's metrics registry, forwarding every occurrence to Micrometer. */
  static final class ForwardingMetricsRegistry extends MetricsRegistry {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ForwardingMetricsRegistry(MeterRegistry meters) {
      this.meters = meters;
    }

    @Override
    public void markOccurrence(String name, long times) {
      super.markOccurrence(name, times);
      counters.computeIfAbsent(name, metric -> Counter.builder(micrometerName(metric))
          .description("Camunda engine metric '" + metric + "' on this node").register(meters))
          .increment(times);
    }

    /** {@code job-acquired-success} becomes {@code camunda.job.acquired.success}. */
    static String micrometerName(String camundaMetric) {
      return "camunda." + camundaMetric.replace('-', '.');
    }
  }
}
