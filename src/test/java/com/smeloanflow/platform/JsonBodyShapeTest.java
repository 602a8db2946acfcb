package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * "请求体应为 JSON 对象 …, 收到的是数组" rests on what the body was, not on how Jackson words its error: a Jackson whose
 * message reads otherwise still gets the channel the same answer.
 */
class JsonBodyShapeTest {

  record Application(String channel) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      [1]          | 数组
      '  [ ]'      | 数组
      '""'         | 字符串
      '"x"'        | 字符串
      -7           | 数字
      0.5          | 数字
      true         | 布尔值
      false        | 布尔值
      """)
  void namesTheKindOfValueTheBodyWasWhateverJacksonsMessageSays(String body, String kind) throws IOException {
    HttpInputMessage read = readBody(body);

    ProblemDetail problem = answer(read, "a wording a later Jackson might use");

    assertThat(problem.getDetail())
        .isEqualTo("请求体应为 JSON 对象 ({...}), 收到的是" + kind + " (the request body must be a JSON object)");
  }

  @Test
  void anObjectOrABodyNeverReadIsNotCalledAnotherKind() throws IOException {
    assertThat(answer(readBody("{\"channel\": []}"), "some wording").getDetail()).isEqualTo("请求体不是有效的 JSON");
    assertThat(answer(new MockHttpInputMessage(new byte[0]), "from Array value").getDetail())
        .isEqualTo("请求体不是有效的 JSON");
  }

  @SuppressWarnings("unused")
  private static void endpoint(@RequestBody Application required, @RequestBody(required = false) Application optional) {}

  @Test
  void aBodyNullIsRefusedWhereAnObjectIsRequiredAndLeftAsNoBodyWhereItIsOptional() throws Exception {
    Method endpoint = JsonBodyShapeTest.class.getDeclaredMethod("endpoint", Application.class, Application.class);
    JsonBodyShape advice = new JsonBodyShape();

    assertThatThrownBy(() -> advice.afterBodyRead(null, readBody(" null"), new MethodParameter(endpoint, 0),
        Application.class, MappingJackson2HttpMessageConverter.class)).isInstanceOf(JsonBodyShape.NullBody.class);
    assertThat(advice.afterBodyRead(null, readBody("null"), new MethodParameter(endpoint, 1), Application.class,
        MappingJackson2HttpMessageConverter.class)).isNull();
  }

  /** The body as the API reads it: through the advice, to the end. */
  private static HttpInputMessage readBody(String body) throws IOException {
    HttpInputMessage noted = new JsonBodyShape().beforeBodyRead(
        new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8)), null, Application.class,
        MappingJackson2HttpMessageConverter.class);
    noted.getBody().readAllBytes();
    return noted;
  }

  private static ProblemDetail answer(HttpInputMessage read, String jacksonMessage) {
    MismatchedInputException mismatch = MismatchedInputException.from(null, Application.class, jacksonMessage);
    HttpMessageNotReadableException e = new HttpMessageNotReadableException("JSON parse error", mismatch, read);
    Object body = new ApiProblemHandler().handleHttpMessageNotReadable(e, new HttpHeaders(), HttpStatus.BAD_REQUEST,
        new ServletWebRequest(new MockHttpServletRequest())).getBody();
    return (ProblemDetail) body;
  }
}
