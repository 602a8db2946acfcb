package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A person acting over the engine REST API on a task id the engine never knew (a mistyped or stale link, a
 * task of another environment) is told it does not exist: 404, not the engine's 500 "task is null".
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownTaskApiTest extends AbstractIntegrationTest {

  private static final String NO_SUCH_TASK = "no-such-task-4711";

  @Test
  void completingSubmittingOrClaimingATaskTheEngineNeverKnewIsNotFoundInChinese(CapturedOutput log) {
    String form = "{\"variables\": {\"comment\": {\"value\": \"同意\"}}}";

    for (Map.Entry<String, String> action : Map.of("complete", "Cannot complete task ", "submit-form", "Cannot submit task form ").entrySet()) {
      Response answer = api.post("/engine-rest/task/" + NO_SUCH_TASK + "/" + action.getKey(), "zy001-acceptor", form);

      assertThat(answer.status()).as(action.getKey() + ": " + answer).isEqualTo(404);
      assertThat(answer.json().path("message").asText()).as(action.getKey() + ": the engine REST API's English prefix after the Chinese")
          .isEqualTo("待办 " + NO_SUCH_TASK + " 不存在, 请刷新待办列表 (" + action.getValue() + NO_SUCH_TASK + ": task " + NO_SUCH_TASK
              + " does not exist)");
    }
    Response claimed = api.post("/engine-rest/task/" + NO_SUCH_TASK + "/claim", "zy001-acceptor", "{\"userId\":\"zy001-acceptor\"}");
    assertThat(claimed.status()).as("claim: " + claimed).isEqualTo(404);
    assertThat(claimed.json().path("message").asText()).as("claim").contains("待办 " + NO_SUCH_TASK + " 不存在");

    assertThat(log.getAll()).as("a task id nobody knows is the caller's error, not an engine failure")
        .doesNotContain("ENGINE-16004").doesNotContain("task is null");
  }
}
