package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smeloanflow.identity.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * What Camunda's authorizations do not cover on the engine's REST API, both as {@code /engine-rest}
 * and as the webapps' {@code /camunda/api/engine}:
 * <ul>
 *   <li>Operations endpoints: throwing a signal ({@code POST /signal}) and correlating a message
 *       ({@code POST /message}) are for administrators and process owners; jobs, job definitions, metrics
 *       (Cockpit's view of the job executor) and the process definitions' instance statistics also for team
 *       leads. Camunda checks no permission on signals, jobs and metrics, counts every branch's instances in the
 *       statistics, and names the instance a refused message correlation would have reached, so any logged-in
 *       member of staff could learn of another branch's cases. Answered 403.</li>
 *   <li>Candidate links: adding or removing a task's candidate user or group ({@code POST /task/{id}/identity-links},
 *       {@code .../identity-links/delete}) is for administrators. The models say who a task is offered to; a
 *       lead who may reassign a task could otherwise offer it to another branch. (When an administrator removes a
 *       link, {@code identity.TeamTaskAuthorizations} takes back the grants it brought.) Reassigning stays with
 *       {@code /api/tasks/reassignments} and Tasklist.</li>
 *   <li>Starting past the start event: a start ({@code POST /process-definition/{id}/start}, {@code .../key/{key}/start})
 *       with {@code startInstructions} (start before or after any activity), {@code skipCustomListeners} or
 *       {@code skipIoMappings} is for administrators and process owners, who may restart an instance at an activity.
 *       Camunda checks no more than CREATE_INSTANCE for them, which branch staff hold on loan-origination for the
 *       counter intake: they could otherwise start an origination at its approval or disbursement with variables of
 *       their choosing and no application, scoring or checks, past the start event's listeners. Answered 403 naming
 *       the field, before anything is started; an ordinary start and {@code submit-form} are untouched.</li>
 *   <li>A system user's password: {@code POST /identity/verify} checks the password of the user its body names
 *       ({@code {"username":…,"password":…}}) for whoever may read that user (the leads of a central team read every
 *       user). Naming a system user
 *       ({@link SystemUsers}: {@code channel}, {@code core-banking}, {@code monitoring}; in any case, full-width or
 *       with blanks or invisible characters)
 *       is answered 403 before the password is checked, whatever the body's content type, so nobody learns or guesses
 *       through it a password a Camunda user of that id has (the demo's {@code demo}, a directory's) or counts failed
 *       attempts against it. The system users themselves reach no engine API ({@link SystemUserEngineBar}).</li>
 *   <li>Case resources ({@code case-definition}, {@code case-instance}, {@code case-execution} and their history):
 *       the product has no case models and runs with CMMN off, so some of them would fail in the persistence layer
 *       (500). Answered 404, naming the reason.</li>
 *   <li>Paging: a negative {@code firstResult} or {@code maxResults} is a bad request (400), not an
 *       SQL error (500 on PostgreSQL).</li>
 *   <li>Body size: a JSON or {@code multipart/form-data} body of more than {@link #MAX_CHECKED_BODY_BYTES} (10 MB) is
 *       refused with 413 before anything reads it on: unread when its declared length is larger, cut off one byte past
 *       the limit when it is chunked. The answer goes out at once; Tomcat then reads and discards what is left of the
 *       body, up to {@code server.tomcat.max-swallow-size} (64 MB), so that a client sending it all before it reads the
 *       answer gets the 413 and its message; with more than 64 MB left the connection is closed under it, and such a
 *       client may see a reset connection instead. Camunda reads a multipart body (a variable's upload, a deployment,
 *       an attachment) whole into memory with no limit of its own, past Spring's multipart limits: it stored a
 *       variable of any size, and read one whole even from a caller it then refused the write (403).</li>
 *   <li>Object variables: a variable of type {@code Object} must name a type the engine may
 *       deserialize (the allow-list of {@code deserializationAllowedPackages} and
 *       {@code deserializationAllowedClasses}) in JSON. Java serialization, or a foreign type such as a
 *       class loader, is refused with 400 before anything is stored; so is a variable's upload
 *       ({@code POST .../variables/{name}/data}) with the deprecated {@code type} part, whose foreign type Camunda
 *       answered with 500 and whose Java serialization in English only ({@link VariableUpload}).</li>
 *   <li>A variable's upload ({@code multipart/form-data}) that Camunda would refuse naming nothing, or fail on with
 *       500, is refused with 400 naming the variable: a part's headers (file name, content type) longer than the
 *       REST API's parser reads (512 bytes: it answered {@code multipart/form-data cannot be processed}), no
 *       {@code data} part, a {@code type} part that is not {@code text/plain} ({@link VariableUpload}).</li>
 *   <li>Text variables too long to store: a variable of type {@code String}, or of no type with a JSON string value,
 *       longer than {@link FormFieldLengths#STORED_TEXT_LENGTH} (the engine's {@code VARCHAR(4000)} column, which it
 *       does not check: the command failed with a database error, 500) is refused with 400 naming it, before anything
 *       is stored, e.g. {@code note 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字 (note has 4001 characters, ...)}.
 *       Looked at in every variables map of a body ({@link #VARIABLE_MAPS}: a completion's, a start's and its
 *       {@code startInstructions}', an update's {@code modifications}, a message's, a signal's, an external task's)
 *       and in the one value of a single variable's {@code PUT}; not in a decision's evaluation, which stores
 *       nothing. A completion's ({@code complete}, {@code submit-form}) and an ordinary start's own {@code variables}
 *       are left to {@link FormLengthGuard}, which checks them in the engine, by any API, and names a form field by its
 *       label. A {@code File} variable's {@code valueInfo} is looked at in all of them: its {@code filename} (the
 *       engine's {@code TEXT_}) and its {@code mimetype} with its {@code encoding} ({@code TEXT2_}, as
 *       {@code mimetype#encoding}), e.g. {@code licence 的文件名 (filename) 共 4001 字, 超过系统可保存的 4000 字 (...)}.</li>
 * </ul>
 * And Cockpit's own API ({@code /camunda/api/cockpit/...}, e.g. its process definitions' statistics over every branch)
 * answers only a webapp user who may open Cockpit: Camunda checks there only that somebody is logged in.
 * Errors use Camunda's REST error format ({@code {"type":..., "message":...}}).
 */
public class EngineApiGuard extends OncePerRequestFilter {

  static final String ENGINE_REST = "/engine-rest/";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/";
  static final String WEBAPP_COCKPIT_API = "/camunda/api/cockpit/";
  static final int MAX_CHECKED_BODY_BYTES = 10 * 1024 * 1024;
  static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERATORS = Set.of(Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS);
  private static final Set<String> OPERATIONS_READERS = Set.of(Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS, Groups.TEAM_LEADS);
  /** First path segment after the engine → who may call it; every method. */
  private static final Map<String, Set<String>> RESTRICTED = Map.of(
      "signal", OPERATORS,
      "message", OPERATORS,
      "job", OPERATIONS_READERS,
      "job-definition", OPERATIONS_READERS,
      "metrics", OPERATIONS_READERS);

  private static final Set<String> ADMINISTRATORS = Set.of(Groups.CAMUNDA_ADMIN);
  /** Instance counts of every branch: {@code process-definition/statistics}, {@code .../{id}/statistics}, {@code .../key/{key}/statistics}. */
  private static final Pattern STATISTICS = Pattern.compile("process-definition(/.+)?/statistics/?");
  /** A task's candidate links changed: {@code task/{id}/identity-links} and {@code .../identity-links/delete} (POST). */
  private static final Pattern CANDIDATE_LINKS = Pattern.compile("task/[^/]+/identity-links(/delete)?/?");

  /** Starting an instance: {@code process-definition/{id}/start}, {@code .../key/{key}/start}, {@code .../key/{key}/tenant-id/{t}/start}. */
  private static final Pattern START = Pattern.compile("process-definition/(key/[^/]+(/tenant-id/[^/]+)?|[^/]+)/start/?");
  /** A start's fields that place or run it past its start event's listeners and mappings; for operators only. */
  private static final List<String> START_OVERRIDES = List.of("startInstructions", "skipCustomListeners", "skipIoMappings");

  /**
   * The fields of the engine REST API's bodies that hold a map of variables by name, each stored: a completion's, a
   * start's (also in {@code startInstructions}), a signal's, a modification's {@code variables}; an update's
   * {@code modifications}; a message's {@code processVariables}, {@code processVariablesLocal} and
   * {@code processVariablesToTriggeredScope}; an external task's {@code localVariables}. A query's
   * {@code processVariables} or {@code variables} is a list of conditions, not a map, and is not looked at; nor are a
   * message's {@code correlationKeys}, which are not stored.
   */
  private static final Set<String> VARIABLE_MAPS = Set.of("variables", "localVariables", "modifications",
      "processVariables", "processVariablesLocal", "processVariablesToTriggeredScope");
  /** One variable's update, its body one value: {@code task/{id}/variables/{name}}, {@code .../localVariables/{name}}, also of an instance or an execution. */
  private static final Pattern SINGLE_VARIABLE =
      Pattern.compile("(?:task|process-instance|execution)/[^/]+/(?:variables|localVariables)/([^/]+)/?");

  /**
   * One variable's upload as {@code multipart/form-data}, its name in the path: {@code task/{id}/variables/{name}/data},
   * {@code .../localVariables/{name}/data}, also of an instance or an execution ({@link VariableUpload}).
   */
  private static final Pattern VARIABLE_UPLOAD =
      Pattern.compile("(?:task|process-instance|execution)/[^/]+/(?:variables|localVariables)/([^/]+)/data/?");

  /**
   * A completion of a task ({@code task/{id}/complete}, {@code .../submit-form}) or a start
   * ({@code process-definition/.../start}, {@code .../submit-form}): {@link FormLengthGuard} checks its
   * {@code variables} in the engine, against the task's or the start event's form.
   */
  private static final Pattern FORM_CHECKED = Pattern.compile(
      "task/[^/]+/(complete|submit-form)/?|process-definition/(key/[^/]+(/tenant-id/[^/]+)?|[^/]+)/(start|submit-form)/?");

  /** Checking a user's password: {@code identity/verify}, its path decoded (JAX-RS matches the decoded path). */
  private static final Pattern PASSWORD_CHECK = Pattern.compile("identity/verify/?");

  /** CMMN's resources, {@code case-instance/...} and {@code history/case-activity-instance/...}: the product has no case models. */
  private static final Pattern CASE_RESOURCES = Pattern.compile("(history/)?case-[a-z-]+(/.*)?");

  private final Supplier<IdentityService> identityService;
  private final Predicate<String> deserializationAllowed;
  private final Predicate<String> isSystemUser;

  /**
   * @param identityService the engine's, looked up at the first request (a filter is created before the engine)
   * @param deserializationAllowed whether the engine may deserialize a class of this name
   * @param isSystemUser whether a user id is a system user's ({@link SystemUsers#isSystemUser}); also asked of the id folded
   *     (any case, full-width, blanks and invisible characters dropped: {@link SystemUsers#orLookalike})
   */
  public EngineApiGuard(Supplier<IdentityService> identityService, Predicate<String> deserializationAllowed,
      Predicate<String> isSystemUser) {
    this.identityService = identityService;
    this.deserializationAllowed = deserializationAllowed;
    this.isSystemUser = SystemUsers.orLookalike(isSystemUser);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return resource(request.getRequestURI()) == null && !request.getRequestURI().startsWith(WEBAPP_COCKPIT_API);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().startsWith(WEBAPP_COCKPIT_API)) {
      UserAuthentication user = webappAuthentication(request);
      if (user != null && !user.isAuthorizedForApp("cockpit")) {
        error(response, 403, "AuthorizationException", StaffText.of("用户 " + user.getIdentityId() + " 无权使用 Cockpit",
            "user '" + user.getIdentityId() + "' may not use Cockpit"));
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    String resource = resource(request.getRequestURI());
    if (CASE_RESOURCES.matcher(resource).matches()) {
      error(response, 404, "NotFoundException", StaffText.of("/" + resource + " 不可用: 本系统没有案例模型, 未启用 CMMN",
          "/" + resource + " is not available: CMMN is off, the product has no case models"));
      return;
    }
    String endpoint = resource.split("/", 2)[0];
    Set<String> allowedGroups = RESTRICTED.get(endpoint);
    if (STATISTICS.matcher(resource).matches()) {
      endpoint = "process-definition/.../statistics";
      allowedGroups = OPERATIONS_READERS;
    } else if ("POST".equals(request.getMethod()) && CANDIDATE_LINKS.matcher(resource).matches()) {
      endpoint = "task/.../identity-links";
      allowedGroups = ADMINISTRATORS;
    }
    if (allowedGroups != null) {
      String user = currentUser(request);
      if (user != null && groupsOf(user, request).stream().noneMatch(allowedGroups::contains)) {
        error(response, 403, "AuthorizationException", StaffText.of("用户 " + user + " 无权使用 /" + endpoint + ", 仅限 "
            + String.join("、", allowedGroups) + " 组", "user '" + user + "' may not use /" + endpoint + ": only "
            + String.join(", ", allowedGroups)));
        return;
      }
    }
    for (String parameter : List.of("firstResult", "maxResults")) {
      String value = request.getParameter(parameter);
      if (value != null && !value.matches("\\d{1,9}")) {
        error(response, 400, "InvalidRequestException", StaffText.of(parameter + " 须为从 0 起的整数, 不能是 '" + value + "'",
            parameter + " must be a whole number from 0, not '" + value + "'"));
        return;
      }
    }
    String contentType = request.getContentType();
    String mediaType = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean json = mediaType.startsWith("application/json");
    boolean multipart = mediaType.startsWith("multipart/");
    // A password check's body is looked at whatever its content type says.
    boolean passwordCheck = "POST".equals(request.getMethod()) && PASSWORD_CHECK.matcher(decoded(resource)).matches();
    if (!json && !multipart && !passwordCheck) {
      chain.doFilter(request, response);
      return;
    }
    // A declared length over the limit is refused unread; a chunked body is read up to one byte past it.
    byte[] body = request.getContentLengthLong() > MAX_CHECKED_BODY_BYTES ? null
        : request.getInputStream().readNBytes(MAX_CHECKED_BODY_BYTES + 1);
    if (body == null || body.length > MAX_CHECKED_BODY_BYTES) {
      response.setHeader("Connection", "close");
      error(response, 413, "InvalidRequestException", StaffText.of("请求体超过 " + MAX_CHECKED_BODY_BYTES + " 字节",
          "request body larger than " + MAX_CHECKED_BODY_BYTES + " bytes"));
      return;
    }
    String systemUser = passwordCheck ? systemUserNamed(parse(body)) : null;
    if (systemUser != null) {
      error(response, 403, "AuthorizationException", StaffText.of("系统用户 " + systemUser + " 的密码不可经流程引擎接口核验",
          "the password of system user '" + systemUser + "' is not checked over the engine REST API"));
      return;
    }
    if (multipart) {
      Matcher upload = VARIABLE_UPLOAD.matcher(resource);
      String refused = "POST".equals(request.getMethod()) && upload.matches()
          ? VariableUpload.refusal(UriUtils.decode(upload.group(1), StandardCharsets.UTF_8), body, contentType,
              deserializationAllowed)
          : null;
      if (refused != null) {
        error(response, 400, "InvalidRequestException", refused);
        return;
      }
      chain.doFilter(new BufferedRequest(request, body), response);
      return;
    }
    JsonNode tree = parse(body);
    if ("POST".equals(request.getMethod()) && START.matcher(resource).matches()) {
      String override = startOverride(tree);
      String user = currentUser(request);
      if (override != null && (user == null || groupsOf(user, request).stream().noneMatch(OPERATORS::contains))) {
        List<String> operators = OPERATORS.stream().sorted().toList();
        error(response, 403, "AuthorizationException", StaffText.of("用户 " + user + " 无权在发起流程时使用 " + override
            + ": 从指定节点发起、跳过监听器或输入输出映射仅限 " + String.join("、", operators) + " 组",
            "user '" + user + "' may not start a process with " + override + ": only " + String.join(", ", operators)));
        return;
      }
    }
    String refused = refusedVariables(tree, request.getMethod(), resource);
    if (refused != null) {
      error(response, 400, "InvalidRequestException", refused);
      return;
    }
    chain.doFilter(new BufferedRequest(request, body), response);
  }

  /** The path after the engine ({@code task/123/complete}), or null for a request that is not to the engine API. */
  static String resource(String uri) {
    String rest;
    if (uri.startsWith(ENGINE_REST)) {
      rest = uri.substring(ENGINE_REST.length());
      if (rest.startsWith("engine/")) {
        int slash = rest.indexOf('/', "engine/".length());
        rest = slash < 0 ? "" : rest.substring(slash + 1);
      }
    } else if (uri.startsWith(WEBAPP_ENGINE_API)) {
      rest = uri.substring(WEBAPP_ENGINE_API.length());
      int slash = rest.indexOf('/');
      rest = slash < 0 ? "" : rest.substring(slash + 1);
    } else {
      return null;
    }
    return rest;
  }

  /** {@code resource} percent-decoded as JAX-RS matches it; as it is when it is not valid percent-encoding. */
  static String decoded(String resource) {
    try {
      return UriUtils.decode(resource, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return resource;
    }
  }

  /**
   * The user a password check's body ({@link #parse}d) names when it is a system user's: its {@code username}, also in
   * another case or with blanks around; null otherwise.
   */
  String systemUserNamed(JsonNode tree) {
    JsonNode username = tree == null ? null : tree.get("username");
    if (username == null || !username.isValueNode() || username.isNull()) {
      return null;
    }
    String named = username.asText();
    return isSystemUser.test(named) ? named : null;
  }

  /**
   * A JSON body read once for every check, or null when it is empty or malformed: the REST API answers malformed JSON
   * with 400 itself.
   */
  static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The first field of a start's body ({@link #parse}d) that starts it elsewhere than at its start event or skips what
   * runs there: {@code startInstructions} not empty, {@code skipCustomListeners} or {@code skipIoMappings} anything but
   * false (the REST API reads {@code "true"} as true too); null for an ordinary start or a body that is not JSON.
   */
  static String startOverride(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      return null;
    }
    for (String field : START_OVERRIDES) {
      JsonNode value = tree.get(field);
      boolean ordinary = value == null || value.isNull()
          || (field.equals("startInstructions") ? value.isArray() && value.isEmpty() : value.isBoolean() && !value.asBoolean());
      if (!ordinary) {
        return field;
      }
    }
    return null;
  }

  /** Why one variable is refused, in Chinese and in English. */
  record Refusal(String chinese, String english) {}

  /**
   * Why the variables of a JSON body ({@link #parse}d) to {@code method resource} are refused ({@link StaffText}),
   * null when none is: every typed variable ({@code {"type":"Object","valueInfo":{...}}}) whose type the engine may
   * not read, then every text variable too long to store, e.g. {@code 拒绝 Object 变量: 不允许类型 java.net.URLClassLoader (object variables
   * refused: type java.net.URLClassLoader is not allowed)} or {@code note 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字
   * (note has 4001 characters, whitespace at the ends included, more than the 4000 the engine stores)}.
   */
  String refusedVariables(JsonNode tree, String method, String resource) {
    if (tree == null) {
      return null; // no body, or malformed JSON
    }
    List<Refusal> objects = new ArrayList<>();
    List<Refusal> tooLong = new ArrayList<>();
    // A decision's evaluation stores none of its variables.
    boolean stored = !resource.startsWith("decision-definition/");
    if (stored && "PUT".equals(method)) {
      Matcher single = SINGLE_VARIABLE.matcher(resource);
      if (single.matches()) {
        checkLength(UriUtils.decode(single.group(1), StandardCharsets.UTF_8), tree, true, tooLong);
      }
    }
    // A completion's or an ordinary start's own variables: FormLengthGuard checks them in the engine, naming a form
    // field by its label (需补充的问题共 4100 字 ...); what the start places elsewhere (startInstructions) it does not see.
    boolean checkedByForm = "POST".equals(method) && FORM_CHECKED.matcher(resource).matches()
        && tree.path("startInstructions").isEmpty();
    collect(tree, objects, stored ? tooLong : null, checkedByForm ? "variables" : null);
    List<String> chinese = new ArrayList<>();
    List<String> english = new ArrayList<>();
    if (!objects.isEmpty()) {
      chinese.add("拒绝 Object 变量: " + String.join("; ", objects.stream().map(Refusal::chinese).toList()));
      english.add("object variables refused: " + String.join("; ", objects.stream().map(Refusal::english).toList()));
    }
    tooLong.forEach(refusal -> {
      chinese.add(refusal.chinese());
      english.add(refusal.english());
    });
    return chinese.isEmpty() ? null : StaffText.of(String.join("; ", chinese), String.join("; ", english));
  }

  /**
   * Walks the whole body: every Object variable's type, at any depth, into {@code refused}; and every variable of a
   * variables map ({@link #VARIABLE_MAPS}, a JSON object by name) that is too long to store into {@code tooLong}
   * (when not null), but the map named {@code leftToEngine} of this node itself.
   */
  private void collect(JsonNode node, List<Refusal> refused, List<Refusal> tooLong, String leftToEngine) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode type = node.get("type");
      if (type != null && type.isTextual() && "object".equalsIgnoreCase(type.asText())) {
        JsonNode info = node.path("valueInfo");
        String format = info.path("serializationDataFormat").asText("");
        String typeName = info.path("objectTypeName").asText("");
        if (format.toLowerCase(Locale.ROOT).startsWith(JAVA_SERIALIZATION)) {
          refused.add(new Refusal("不允许 Java 序列化 (" + typeName + ")", "Java serialization is disabled (" + typeName + ")"));
        } else if (typeName.isBlank()) {
          refused.add(new Refusal("Object 变量须写明 objectTypeName", "an Object variable must name its objectTypeName"));
        } else {
          for (String className : typeName.split("[<>,\\[\\]\\s]+")) {
            if (!className.isBlank() && !deserializationAllowed.test(className)) {
              refused.add(new Refusal("不允许类型 " + className, "type " + className + " is not allowed"));
            }
          }
        }
      }
      node.fields().forEachRemaining(field -> {
        if (tooLong != null && VARIABLE_MAPS.contains(field.getKey()) && field.getValue().isObject()) {
          boolean text = !field.getKey().equals(leftToEngine);
          field.getValue().fields().forEachRemaining(variable -> checkLength(variable.getKey(), variable.getValue(), text, tooLong));
        }
        collect(field.getValue(), refused, tooLong, null);
      });
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, refused, tooLong, null));
    }
  }

  /**
   * Refuses variable {@code name} ({@code {"value":...,"type":...}}) when it holds text the engine would store in one of
   * its {@code VARCHAR} columns that is longer than {@link FormFieldLengths#STORED_TEXT_LENGTH}, counted in full in UTF-16
   * code units: when {@code text}, a value of type {@code String}, or of no type with a JSON string value (the engine
   * stores it as a string); and always a {@code File}'s {@code valueInfo}: its {@code filename} (stored in {@code TEXT_})
   * and its {@code mimetype} and {@code encoding} (stored together as {@code mimetype#encoding} in {@code TEXT2_}), which
   * {@link FormLengthGuard} does not look at.
   */
  private static void checkLength(String name, JsonNode variable, boolean text, List<Refusal> tooLong) {
    JsonNode value = variable.get("value");
    JsonNode type = variable.get("type");
    boolean string = value != null && value.isTextual()
        && (type == null || type.isNull() || type.isTextual() && "string".equalsIgnoreCase(type.asText()));
    if (text && string && value.textValue().length() > FormFieldLengths.STORED_TEXT_LENGTH) {
      int length = value.textValue().length();
      tooLong.add(new Refusal(FormFieldLengths.tooLongToStoreChinese(name + " ", length),
          FormFieldLengths.tooLongToStoreEnglish(name, length)));
    }
    if (type != null && type.isTextual() && "file".equalsIgnoreCase(type.asText())) {
      JsonNode info = variable.path("valueInfo");
      String fileName = infoText(info, "filename");
      String mimeType = infoText(info, "mimetype");
      String encoding = infoText(info, "encoding");
      if (fileName != null && fileName.length() > FormFieldLengths.STORED_TEXT_LENGTH) {
        tooLong.add(fileFieldTooLong(name, "文件名 (filename)", "file name (filename)", fileName.length()));
      }
      int typeLength = (mimeType == null ? 0 : mimeType.length()) + 1 + (encoding == null ? 0 : encoding.length());
      if ((mimeType != null || encoding != null) && typeLength > FormFieldLengths.STORED_TEXT_LENGTH) {
        tooLong.add(fileFieldTooLong(name, "文件类型和编码 (mimetype、encoding)", "mime type and encoding (mimetype, encoding)",
            typeLength));
      }
    }
  }

  /** A {@code valueInfo} entry as the engine stores it (its {@code toString}), or null when absent. */
  private static String infoText(JsonNode info, String key) {
    JsonNode entry = info.get(key);
    return entry == null || entry.isNull() ? null : entry.isValueNode() ? entry.asText() : entry.toString();
  }

  private static Refusal fileFieldTooLong(String name, String chineseField, String englishField, int length) {
    return new Refusal(name + " 的" + chineseField + " 共 " + length + " 字, 超过系统可保存的 " + FormFieldLengths.STORED_TEXT_LENGTH
        + " 字", "the " + englishField + " of " + name + " has " + length + " characters, more than the "
        + FormFieldLengths.STORED_TEXT_LENGTH + " the engine stores");
  }

  /** The engine user of this request: set by Camunda's REST or webapp authentication, else the webapp session's. */
  private String currentUser(HttpServletRequest request) {
    Authentication engineAuthentication = identityService.get().getCurrentAuthentication();
    if (engineAuthentication != null) {
      return engineAuthentication.getUserId();
    }
    UserAuthentication webapp = webappAuthentication(request);
    return webapp == null ? null : webapp.getIdentityId();
  }

  private List<String> groupsOf(String user, HttpServletRequest request) {
    Authentication engineAuthentication = identityService.get().getCurrentAuthentication();
    if (engineAuthentication != null && engineAuthentication.getGroupIds() != null) {
      return engineAuthentication.getGroupIds();
    }
    UserAuthentication webapp = webappAuthentication(request);
    if (webapp != null && webapp.getGroupIds() != null) {
      return webapp.getGroupIds();
    }
    return identityService.get().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  private static UserAuthentication webappAuthentication(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String engine;
    if (uri.startsWith(WEBAPP_ENGINE_API)) {
      engine = uri.substring(WEBAPP_ENGINE_API.length()).split("/", 2)[0];
    } else if (uri.startsWith(WEBAPP_COCKPIT_API)) {
      // /camunda/api/cockpit/plugin/{plugin}/{engine}/...; a plugin's static assets name no engine
      String[] parts = uri.substring(WEBAPP_COCKPIT_API.length()).split("/");
      engine = parts.length > 3 && parts[0].equals("plugin") && !parts[2].equals("static") ? parts[2] : "default";
    } else {
      return null;
    }
    Authentications current = Authentications.getCurrent();
    if (current == null) {
      HttpSession session = request.getSession(false);
      current = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    }
    if (current == null) {
      return null;
    }
    return current.getAuthenticationForProcessEngine(engine) instanceof UserAuthentication user ? user : null;
  }

  private static void error(HttpServletResponse response, int status, String type, String message) throws IOException {
    ObjectNode error = JSON.createObjectNode();
    error.put("type", type);
    error.put("message", message);
    error.putNull("code");
    byte[] body = JSON.writeValueAsBytes(error);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    // Sent now: a body refused unread may be too large for the server to drain before it closes the connection.
    response.flushBuffer();
  }

  /** The request with its body read once for the check and given again to the REST API. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
