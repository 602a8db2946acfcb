package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.Concurrently;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Credit lines on PostgreSQL (READ COMMITTED): the servicing migration that lets a line's drawdowns be loan
 * accounts of one application (V40 drops a constraint by its PostgreSQL name), the line opened by the
 * origination flow, and concurrent drawdowns that never exceed the limit (the line's row lock).
 */
class CreditLinePostgresIT extends AbstractPostgresIntegrationTest {

  @Autowired BeanFactory beans;
  @Autowired CreditLineService lines;
  @Autowired SandboxCoreBanking coreBanking;

  @Test
  void concurrentDrawdownsOnPostgresNeverExceedTheLimitAndRetriesDrawOnce() throws InterruptedException {
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    String applicationId = fixture.opened(fixture.application("1000000.00"));
    String lineId = lines.findByApplication(applicationId).orElseThrow().lineId();

    List<Response> answers = Concurrently.run(8, () -> api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"PG-" + UUID.randomUUID() + "\",\"amount\":300000.00,\"termMonths\":12}"));
    String retried = "PG-RETRY-" + UUID.randomUUID();
    List<Response> retries = Concurrently.run(4, () -> api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"" + retried + "\",\"amount\":100000.00,\"termMonths\":6}"));

    assertThat(answers).extracting(Response::status).containsOnly(201, 400);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(3);
    assertThat(retries).extracting(Response::status).containsOnly(201, 200);
    assertThat(retries).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(4);
    Response line = api.get("/api/lines/" + lineId, CHANNEL);
    assertThat(line.json().get("used").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(line.json().get("available").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.json().get("drawdowns")).hasSize(4);
  }
}
