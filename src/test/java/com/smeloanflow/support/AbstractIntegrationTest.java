package com.smeloanflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.identity.DemoData;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.notification.MailDispatcher;
import com.smeloanflow.platform.SecurityConfig;
import com.smeloanflow.process.LoanOriginationProcess;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class of every test that needs the running application: process tests, HTTP tests,
 * model checks. Extend it and add nothing to the Spring configuration (no {@code @MockBean}, no
 * extra {@code @ActiveProfiles}, {@code @TestPropertySource} or {@code @Import}), so all these
 * tests share ONE cached application context and the suite stays fast.
 *
 * <p>What a subclass gets:
 * <ul>
 *   <li>The whole application on a random port, profiles {@code demo,test}: in-memory H2, the demo
 *       branches ZY001/ZY002 and users (password {@code demo}), job executor OFF, so a test runs
 *       jobs itself with {@link #executeDueJobs(String)}, which also sends the mails the
 *       instance queued in the outbox (the outbox poller is off too; {@link #dispatchMails(String)}
 *       sends an application's due mails explicitly) and first starts the collection processes of
 *       the cases a daily close opened (that poller is off too; {@link #startCollectionProcesses()}).</li>
 *   <li>{@link #mailServer}: a real SMTP server (GreenMail) on a free port chosen once per JVM
 *       (several engineers run tests on this machine at once, so not the fixed 3025). It is
 *       started empty before each test and stopped after it; stop it in a test to simulate an
 *       SMTP outage.</li>
 *   <li>camunda-bpm-assert initialised with the engine: {@code BpmnAwareTests.assertThat(instance)},
 *       {@code task(instance)}, {@code complete(task, withVariables(...))}.</li>
 *   <li>{@link TakenSequenceFlows#of(String)} to assert the flows a gateway took.</li>
 *   <li>{@link #api}: HTTP client for {@code /api/**} and {@code /engine-rest/**} as any demo user.</li>
 *   <li>The engine clock ({@code ClockUtil}) reset before and after each test; move it with
 *       {@link #moveClockBy(Duration)} to make timers due, never sleep. Camunda authentication is
 *       cleared after each test.</li>
 * </ul>
 *
 * <p>The database is shared by all tests of a JVM and never cleaned: use a fresh application per
 * test ({@link TestApplications} gives each a unique enterprise name and e-mail) and scope
 * queries to its id / process instance.
 *
 * <p>PostgreSQL: {@link AbstractPostgresIntegrationTest} runs the same against embedded PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(TakenSequenceFlows.class)
public abstract class AbstractIntegrationTest {

  /** The channel gateway's technical user (group channel-gateway): may POST applications. */
  protected static final String CHANNEL = "channel";

  /** SMTP port of {@link #mailServer}, chosen once per JVM and given to the application as spring.mail.port. */
  protected static final int SMTP_PORT = freePort();

  @RegisterExtension
  protected static final GreenMailExtension mailServer =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @DynamicPropertySource
  static void mailServerAddress(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected ManagementService managementService;
  @Autowired protected HistoryService historyService;
  @Autowired protected RepositoryService repositoryService;
  @Autowired protected IdentityService identityService;
  @Autowired protected FormService formService;
  @Autowired protected IntakeService intakeService;
  @Autowired protected LoanApplicationRepository applications;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected com.smeloanflow.casefile.CaseFiles caseFiles;
  @Autowired protected MailDispatcher mailDispatcher;
  @Autowired protected com.smeloanflow.collections.CollectionProcessStarts collectionProcessStarts;
  @Autowired protected com.smeloanflow.platform.calendar.BankCalendar bankCalendar;

  @LocalServerPort private int port;

  /** HTTP client for the running server. */
  protected ApiClient api;

  @BeforeEach
  void setUpEngineTestSupport() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    BpmnAwareTests.init(processEngine);
    api = new ApiClient(port);
  }

  @AfterEach
  void resetEngineClockAndAuthentication() {
    ClockUtil.reset();
    identityService.clearAuthentication();
    if (identityService.createUserQuery().userId(SECOND_LEAD_OF_ZY001).count() > 0) {
      identityService.deleteUser(SECOND_LEAD_OF_ZY001);
    }
  }

  // --- applications ----------------------------------------------------------------------------

  /** An application submitted by a test, with its loan-origination instance. */
  protected record Submitted(String applicationId, ProcessInstance processInstance) {}

  /**
   * Submits the application as the channel gateway does (validated, stored, process started with
   * the application id as business key) and runs its process to the first wait state.
   */
  protected Submitted submit(TestApplications.Builder application) {
    String applicationId = intakeService.submit(application.build(), CHANNEL, null).applicationId();
    ProcessInstance instance = processInstance(applicationId);
    executeDueJobs(instance.getId());
    return new Submitted(applicationId, instance);
  }

  /**
   * Completes a task as a member of staff: authenticated with the user's groups, so Camunda's
   * authorizations apply and listeners see who did it.
   */
  protected void completeAs(String userId, String taskId, Map<String, Object> variables) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identityService.setAuthentication(userId, groups);
    try {
      taskService.complete(taskId, variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Sets a task's due date as {@code userId} does in Tasklist: {@code PUT /engine-rest/task/{id}} with the task's other
   * fields as they are.
   */
  protected ApiClient.Response moveDueDate(String userId, String taskId, java.time.Instant due) {
    return updateTask(userId, taskId, update -> update.put("due", java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(com.smeloanflow.platform.BusinessClock.BANK_ZONE).format(due)));
  }

  /**
   * {@code PUT /engine-rest/task/{id}} as {@code userId}, as Tasklist sends it: every field of the task as it is, with
   * {@code change} applied (a due date moved, an owner set).
   */
  protected ApiClient.Response updateTask(String userId, String taskId,
      java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    JsonNode task = api.get("/engine-rest/task/" + taskId, "admin").json();
    com.fasterxml.jackson.databind.node.ObjectNode update = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (String field : List.of("name", "description", "priority", "assignee", "owner", "delegationState", "due", "followUp",
        "parentTaskId", "caseInstanceId", "tenantId")) {
      update.set(field, task.get(field));
    }
    change.accept(update);
    return api.send("PUT", "/engine-rest/task/" + taskId, userId, DemoData.PASSWORD, update.toString());
  }

  /**
   * The running loan-origination instance of an application. Keep the returned object to assert
   * on it after it ended: camunda-bpm-assert looks it up again by id (in history once ended).
   */
  protected ProcessInstance processInstance(String applicationId) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).singleResult();
    assertThat(instance).as("running loan-origination instance of application %s", applicationId).isNotNull();
    return instance;
  }

  /** How many loan-origination instances (running or ended) an application has. */
  protected long processInstanceCount(String applicationId) {
    return historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).processInstanceBusinessKey(applicationId).count();
  }

  protected ApplicationStatus statusOf(String applicationId) {
    return caseFiles.status(applicationId).orElseThrow();
  }

  /**
   * {@code GET /api/applications/{id}/history} as {@code reader}, its entries in the order answered: staff get who did
   * what when, the channel ({@link #CHANNEL}) what the applicant may be shown.
   */
  protected List<JsonNode> historyAs(String reader, String applicationId) {
    ApiClient.Response answer = api.get("/api/applications/" + applicationId + "/history", reader);
    assertThat(answer.status()).as("GET history as %s: %s", reader, answer).isEqualTo(200);
    List<JsonNode> entries = new ArrayList<>();
    answer.json().forEach(entries::add);
    return entries;
  }

  /**
   * {@code zy001-acceptor-b}, a second member of ZY001's acceptance post beside the demo's {@code zy001-acceptor}
   * (created once; the shared context keeps it).
   */
  protected String secondAcceptorOfZy001() {
    String userId = "zy001-acceptor-b";
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      newStaff(userId, "受理员乙", null, Groups.acceptance("ZY001"));
    }
    return userId;
  }

  /**
   * Creates a member of staff as an administrator does in Admin: the user with the demo password, its name, and its
   * memberships of {@code groups}.
   *
   * @param lastName null for none
   */
  protected void newStaff(String userId, String firstName, String lastName, String... groups) {
    User user = identityService.newUser(userId);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setPassword(DemoData.PASSWORD);
    identityService.saveUser(user);
    for (String group : groups) {
      identityService.createMembership(userId, group);
    }
  }

  /**
   * Runs {@code check} with a member of staff of the operations team (group {@code operations}, created when missing, as
   * an administrator creates it in Admin), who is removed afterwards, with the group when it was created for it.
   */
  protected void withOperationsStaff(java.util.function.Consumer<String> check) {
    String staff = "ops-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    boolean groupCreated = identityService.createGroupQuery().groupId(SecurityConfig.OPERATIONS_GROUP).count() == 0;
    if (groupCreated) {
      identityService.saveGroup(identityService.newGroup(SecurityConfig.OPERATIONS_GROUP));
    }
    newStaff(staff, "钱运维", "(运维)", SecurityConfig.OPERATIONS_GROUP);
    try {
      check.accept(staff);
    } finally {
      identityService.deleteUser(staff);
      if (groupCreated) {
        identityService.deleteGroup(SecurityConfig.OPERATIONS_GROUP);
      }
    }
  }

  private static final String SECOND_LEAD_OF_ZY001 = "zy001-lead-b";

  /**
   * {@code zy001-lead-b}, a second member of ZY001's lead group beside the demo's {@code team-lead}: a peer on the tasks
   * offered to the group itself. There for the test only (removed after it): ZY001's escalations go to every lead.
   */
  protected String secondLeadOfZy001() {
    User user = identityService.newUser(SECOND_LEAD_OF_ZY001);
    user.setFirstName("团队主管乙");
    user.setPassword(DemoData.PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(SECOND_LEAD_OF_ZY001, Groups.TEAM_LEADS);
    identityService.createMembership(SECOND_LEAD_OF_ZY001, Groups.leads("ZY001"));
    return SECOND_LEAD_OF_ZY001;
  }

  /**
   * Variables for completing {@code UserTask_AcceptApplication}: every document the application
   * requires ticked, except {@code missing}.
   */
  protected Map<String, Object> checklistWithout(String applicationId, RequiredDocument... missing) {
    Set<RequiredDocument> notReceived = Set.of(missing);
    Map<String, Object> variables = new HashMap<>();
    for (RequiredDocument document : applications.get(applicationId).requiredDocuments()) {
      variables.put(document.formField(), !notReceived.contains(document));
    }
    return variables;
  }

  // --- jobs and clock --------------------------------------------------------------------------

  /**
   * Executes the process instance's due jobs (async continuations, timers whose due date the
   * engine clock has reached) until none is left, as the job executor would. A failing job throws; a job an earlier
   * job of the same round deleted (it ended the job's scope) is skipped.
   * Then sends the due outbox mails of the instance's business key (its application), as the
   * outbox poller would, so a test sees the mails in {@link #mailServer} as soon as the process
   * queued them. Only that application's mails: another test's queued mail is never sent here.
   * An SMTP failure does not throw; the mail stays PENDING with its back-off.
   */
  protected void executeDueJobs(String processInstanceId) {
    startCollectionProcesses();
    for (int round = 0; round < 50; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        String businessKey = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
            .singleResult().getBusinessKey();
        if (businessKey != null) {
          dispatchMails(businessKey);
        }
        return;
      }
      for (Job job : due) {
        // A job of this round may have deleted another (a boundary timer that ends the scope takes its other timers
        // and async continuations with it): the job executor finds it gone and moves on, and so does this.
        if (managementService.createJobQuery().jobId(job.getId()).count() > 0) {
          managementService.executeJob(job.getId());
        }
      }
    }
    throw new AssertionError("Process instance " + processInstanceId + " still has due jobs after 50 rounds: a loop?");
  }

  /**
   * Starts the collection processes of the cases a daily close opened, as the poller of every node does
   * seconds after the close (it is off in tests; {@link #executeDueJobs(String)} calls this first).
   *
   * @return how many were started
   */
  protected int startCollectionProcesses() {
    return collectionProcessStarts.startDue();
  }

  /**
   * Sends the application's outbox mails that are due at the engine clock's time (the outbox
   * poller is off in tests). @return how many were sent
   */
  protected int dispatchMails(String applicationId) {
    return mailDispatcher.dispatchDueOf(applicationId);
  }

  /** The single job of the process instance (async continuation or timer), due or not. */
  protected Job onlyJob(String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  /** Moves the engine clock (and with it the business clock) forward, and stops it there. */
  /**
   * Runs Camunda's history cleanup as the job executor does in its nightly window, {@code rounds} times: each round
   * starts the cleanup now and executes every cleanup job once (one job round removes up to one batch).
   */
  protected void runHistoryCleanup(int rounds) {
    for (int round = 0; round < rounds; round++) {
      historyService.cleanUpHistoryAsync(true);
      for (Job cleanup : historyService.findHistoryCleanupJobs()) {
        managementService.executeJob(cleanup.getId());
      }
    }
  }

  /** Runs Camunda's history cleanup until it removed the process instance's history; fails after 50 rounds. */
  protected void runHistoryCleanupUntilRemoved(String processInstanceId) {
    for (int round = 0; round < 50; round++) {
      if (historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0) {
        return;
      }
      runHistoryCleanup(1);
    }
    throw new AssertionError("history cleanup did not remove process instance " + processInstanceId);
  }

  protected void moveClockBy(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  /** Moves the engine clock (and with it the business clock) to a moment, and stops it there. */
  protected void moveClockTo(java.time.Instant moment) {
    ClockUtil.setCurrentTime(Date.from(moment));
  }

  /**
   * Moves the engine clock {@code days} working days of the bank calendar ahead (same time of day, as the
   * models' working-day deadlines count), then {@code extra} further.
   */
  protected void moveClockByWorkingDays(int days, Duration extra) {
    moveClockTo(bankCalendar.workingDaysAfter(ClockUtil.getCurrentTime().toInstant(), days).plus(extra));
  }

  /** Stops the engine clock at its current time, so timer due dates are exact. */
  protected void stopClock() {
    ClockUtil.setCurrentTime(ClockUtil.getCurrentTime());
  }

  // --- mail --------------------------------------------------------------------------------------

  /** Mails the SMTP server received for an address during this test. */
  protected List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(mailServer.getReceivedMessages()).filter(message -> {
      try {
        Address[] recipients = message.getAllRecipients();
        return recipients != null && Arrays.stream(recipients).anyMatch(r -> r.toString().contains(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  protected static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static String bodyOf(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the test SMTP server", e);
    }
  }
}
