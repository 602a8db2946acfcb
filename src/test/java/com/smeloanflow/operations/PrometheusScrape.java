package com.smeloanflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.ApiClient;
import com.smeloanflow.support.ApiClient.Response;
import java.util.Arrays;
import java.util.List;

/** One scrape of {@code /actuator/prometheus} as Prometheus reads it (text format), for assertions on values. */
public record PrometheusScrape(String text) {

  public static PrometheusScrape of(ApiClient api, String user) {
    Response answer = api.send("GET", "/actuator/prometheus", user, "demo", null, "Accept", "text/plain");
    assertThat(answer.status()).as("scrape: %s", answer).isEqualTo(200);
    return new PrometheusScrape(answer.body());
  }

  /**
   * The value of the sample {@code metric} whose labels include every {@code label="value"} given
   * (as {@code "label", "value", ...}); 0 when there is none (a meter appears with its first value).
   */
  public double value(String metric, String... labelsAndValues) {
    List<String> samples = text.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .filter(line -> {
          for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
            if (!line.contains(labelsAndValues[i] + "=\"" + labelsAndValues[i + 1] + "\"")) {
              return false;
            }
          }
          return true;
        }).toList();
    assertThat(samples).as("samples of %s %s", metric, Arrays.toString(labelsAndValues)).hasSizeLessThanOrEqualTo(1);
    return samples.isEmpty() ? 0 : Double.parseDouble(samples.get(0).substring(samples.get(0).lastIndexOf(' ') + 1));
  }

  boolean has(String metric) {
    return text.lines().anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
  }
}
