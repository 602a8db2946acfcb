package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where {@link EngineApiGuard} looks for text variables too long to store: every variables map of a body that the
 * engine stores, not a query's conditions, a message's correlation keys or a decision's evaluation.
 */
class EngineApiGuardTest {

  private static final String LONG = "a".repeat(FormFieldLengths.STORED_TEXT_LENGTH + 1);
  private static final String FITS = "a".repeat(FormFieldLengths.STORED_TEXT_LENGTH);

  private final EngineApiGuard guard = new EngineApiGuard(() -> null, className -> true, user -> false);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a message's processVariables        | POST | message                                  | {"messageName":"m","processVariables":{"note":{"value":"TEXT","type":"String"}}}
      a message's processVariablesLocal   | POST | message                                  | {"messageName":"m","processVariablesLocal":{"note":{"value":"TEXT"}}}
      a start at an activity's variables  | POST | process-definition/key/p/start           | {"variables":{"note":{"value":"TEXT"}},"startInstructions":[{"type":"startBeforeActivity","activityId":"a"}]}
      a task's resolution                 | POST | task/1/resolve                           | {"variables":{"note":{"value":"TEXT"}}}
      a start's startInstructions         | POST | process-definition/key/p/start           | {"startInstructions":[{"type":"startBeforeActivity","activityId":"a","variables":{"note":{"value":"TEXT","type":"string"}}}]}
      a modification's instruction        | POST | process-instance/1/modification          | {"instructions":[{"type":"startBeforeActivity","activityId":"a","variables":{"note":{"value":"TEXT","local":true}}}]}
      an instance's modifications         | POST | process-instance/1/variables             | {"modifications":{"note":{"value":"TEXT","type":"String"}}}
      an execution's single local variable | PUT | execution/1/localVariables/note          | {"value":"TEXT","type":"String"}
      an external task's localVariables   | POST | external-task/1/complete                 | {"workerId":"w","localVariables":{"note":{"value":"TEXT"}}}
      a signal's variables                | POST | signal                                   | {"name":"s","variables":{"note":{"value":"TEXT"}}}
      """)
  void aStoredTextVariableLongerThanTheColumnIsRefusedNamingIt(String where, String method, String resource, String json) {
    assertThat(guard.refusedVariables(body(json, LONG), method, resource)).as(where)
        .isEqualTo("note 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字"
            + " (note has 4001 characters, whitespace at the ends included, more than the 4000 the engine stores)");
    assertThat(guard.refusedVariables(body(json, FITS), method, resource)).as(where + ", 4,000 characters").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a task's single variable            | PUT  | task/1/variables/licence                 | {"value":"AQID","type":"File","valueInfo":VALUE_INFO}
      an instance's modifications         | POST | process-instance/1/variables             | {"modifications":{"licence":{"value":"AQID","type":"File","valueInfo":VALUE_INFO}}}
      a completion's, by any client       | POST | task/1/complete                          | {"variables":{"licence":{"value":"AQID","type":"file","valueInfo":VALUE_INFO}}}
      """)
  void aFileVariablesNameOrTypeLongerThanTheColumnIsRefusedNamingTheField(String where, String method, String resource, String json) {
    assertThat(guard.refusedVariables(body(json.replace("VALUE_INFO", "{\"filename\":\"TEXT\",\"mimetype\":\"application/pdf\"}"),
        LONG), method, resource)).as(where).isEqualTo("licence 的文件名 (filename) 共 4001 字, 超过系统可保存的 4000 字"
            + " (the file name (filename) of licence has 4001 characters, more than the 4000 the engine stores)");
    assertThat(guard.refusedVariables(body(json.replace("VALUE_INFO", "{\"filename\":\"a.pdf\",\"mimetype\":\"TEXT\"}"),
        "a".repeat(FormFieldLengths.STORED_TEXT_LENGTH)), method, resource)).as(where + ", the mime type and its separator")
        .isEqualTo("licence 的文件类型和编码 (mimetype、encoding) 共 4001 字, 超过系统可保存的 4000 字 (the mime type and encoding"
            + " (mimetype, encoding) of licence has 4001 characters, more than the 4000 the engine stores)");
    assertThat(guard.refusedVariables(body(json.replace("VALUE_INFO", "{\"filename\":\"TEXT\",\"mimetype\":\"text/plain\","
        + "\"encoding\":\"UTF-8\"}"), FITS), method, resource)).as(where + ", 4,000 characters").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a task query's variable condition   | POST | task                                     | {"processVariables":[{"name":"note","operator":"eq","value":"TEXT"}]}
      a message's correlationKeys         | POST | message                                  | {"messageName":"m","correlationKeys":{"note":{"value":"TEXT","type":"String"}}}
      a decision's evaluation             | POST | decision-definition/key/d/evaluate       | {"variables":{"note":{"value":"TEXT","type":"String"}}}
      a Json variable, stored as bytes    | POST | task/1/complete                          | {"variables":{"note":{"value":"TEXT","type":"Json"}}}
      a completion's, FormLengthGuard's   | POST | task/1/complete                          | {"variables":{"note":{"value":"TEXT","type":"String"}}}
      an ordinary start's, FormLengthGuard's | POST | process-definition/key/p/submit-form  | {"variables":{"note":{"value":"TEXT"}}}
      """)
  void aLongTextThatIsNotStoredAsATextVariableIsLeftAlone(String where, String method, String resource, String json) {
    assertThat(guard.refusedVariables(body(json, LONG), method, resource)).as(where).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      the channel                       | {"username":"channel","password":"demo"}          | channel
      core banking in another case      | {"username":" Core-Banking ","password":"x"}      | ` Core-Banking `
      Prometheus's system user          | {"username":"monitoring"}                         | monitoring
      a member of staff                 | {"username":"zy001-cm","password":"demo"}         |
      no user                           | {"password":"demo"}                               |
      a list, which the engine refuses  | {"username":["channel"],"password":"demo"}        |
      not JSON                          | username=channel&password=demo                    |
      """)
  void aPasswordCheckNamingASystemUserIsFound(String what, String body, String systemUser) {
    EngineApiGuard withSystemUsers = new EngineApiGuard(() -> null, className -> true,
        java.util.Set.of("channel", "core-banking", "monitoring")::contains);

    assertThat(withSystemUsers.systemUserNamed(EngineApiGuard.parse(body.getBytes(StandardCharsets.UTF_8)))).as(what)
        .isEqualTo(systemUser);
  }

  private static JsonNode body(String json, String text) {
    return EngineApiGuard.parse(json.replace("TEXT", text).getBytes(StandardCharsets.UTF_8));
  }
}
