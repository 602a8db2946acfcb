package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What a client of the engine REST API gets from an error answer that {@link EngineRefusalTranslation} reads: the
 * message in Chinese, every other field and the status as the REST API answered (the status of the bank's refusals is
 * {@link EngineRefusalAnswers}' to set), or, for an answer it cannot or need not tell otherwise (not JSON, no message),
 * exactly what the REST API answered; the request never fails for it.
 */
class EngineRefusalTranslationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAIMED = "Task 't-1' is already claimed by someone else.";
  private static final String CLAIMED_IN_CHINESE = "待办 t-1 已由他人领取, 不能再领取, 请刷新待办列表 (" + CLAIMED + ")";

  @Test
  void aRefusalHasItsMessageInChineseAndKeepsTheStatusAndFieldsTheRestApiAnsweredWith() throws Exception {
    MockHttpServletResponse answer = answered(409, "{\"type\":\"TaskAlreadyClaimedException\",\"message\":\"" + CLAIMED + "\",\"code\":20409}");

    assertThat(answer.getStatus()).isEqualTo(409);
    JsonNode body = JSON.readTree(answer.getContentAsByteArray());
    assertThat(body.path("message").asText()).isEqualTo(CLAIMED_IN_CHINESE);
    assertThat(body.path("type").asText()).isEqualTo("TaskAlreadyClaimedException");
    assertThat(body.path("code").asInt()).isEqualTo(20409);
    assertThat(answer.getContentLength()).isEqualTo(answer.getContentAsByteArray().length);
  }

  @Test
  void theStatusIsTheRestApisWhateverTheRefusalsCodeNames() throws Exception {
    for (int code : new int[] {20409, 0}) {
      MockHttpServletResponse answer = answered(500, "{\"type\":\"TaskAlreadyClaimedException\",\"message\":\"" + CLAIMED
          + "\",\"code\":" + code + "}");

      assertThat(answer.getStatus()).as("code %d", code).isEqualTo(500);
      assertThat(JSON.readTree(answer.getContentAsByteArray()).path("message").asText()).isEqualTo(CLAIMED_IN_CHINESE);
    }
  }

  @Test
  void anErrorAnswerThatIsNotJsonOrNotARefusalItKnowsPassesUntouched() throws Exception {
    String[] answers = {
        "Internal Server Error",
        "{\"type\":\"RestException\",\"message\":",
        "",
        "[20404]",
        "{\"type\":\"NotFoundException\",\"code\":20404}",
        "{\"type\":\"RestException\",\"message\":\"" + CLAIMED + "\",\"code\":\"20409\"}",
        "{\"type\":\"InvalidRequestException\",\"message\":\"Cannot set query parameter 'sortBy' to value 'nonsense'\",\"code\":0}"};
    for (String camunda : answers) {
      MockHttpServletResponse answer = answered(404, camunda);

      assertThat(answer.getStatus()).as(camunda).isEqualTo(404);
      assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).as(camunda).isEqualTo(camunda);
      assertThat(answer.getContentLength()).as(camunda).isEqualTo(camunda.length());
    }
  }

  /** The answer a client gets when the engine REST API answers {@code status} with this JSON error body. */
  private static MockHttpServletResponse answered(int status, String camunda) throws Exception {
    byte[] body = camunda.getBytes(StandardCharsets.UTF_8);
    MockHttpServletResponse response = new MockHttpServletResponse();
    new EngineRefusalTranslation().doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/t-1/claim"), response,
        (request, wrapped) -> {
          // As the engine REST API writes an error: the length before the status, then the body.
          wrapped.setContentType("application/json");
          wrapped.setContentLength(body.length);
          ((HttpServletResponse) wrapped).setStatus(status);
          wrapped.getOutputStream().write(body);
        });
    return response;
  }
}
