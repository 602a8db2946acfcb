package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smeloanflow.approval.LoanFlow;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.disbursement.SandboxCoreBanking;
import com.smeloanflow.disbursement.SandboxCoreBankingFaults;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.monitoring.CheckKind;
import com.smeloanflow.monitoring.CheckOutcome;
import com.smeloanflow.monitoring.CompleteCheck;
import com.smeloanflow.monitoring.LineInstruction;
import com.smeloanflow.monitoring.LineMeasure;
import com.smeloanflow.monitoring.PostLoanCheck;
import com.smeloanflow.monitoring.PostLoanCheckService;
import com.smeloanflow.notification.MailCaseType;
import com.smeloanflow.notification.MailOutbox;
import com.smeloanflow.notification.MailStatus;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.notification.OutboxMail;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.process.PostLoanMonitoringProcess;
import com.smeloanflow.operations.OperationsMetrics;
import com.smeloanflow.operations.PrometheusScrape;
import com.smeloanflow.processing.BorrowerExposure;
import com.smeloanflow.servicing.Instalment;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.BusinessDates;
import com.smeloanflow.servicing.DailyCloseService;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.WriteOffLoan;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.ApiClient.Response;
import com.smeloanflow.support.BrokenMailValues;
import com.smeloanflow.support.Concurrently;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drawdowns on a credit line over the channel API with real JSON: each its own loan posted once, within the
 * available limit (limit − outstanding principal of the drawdowns), idempotent by request id, never above the
 * limit however many arrive at once, refused on a frozen or expired line with nothing stored.
 */
class CreditLineDrawdownApiTest extends AbstractIntegrationTest {

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  @Autowired BeanFactory beans;
  @Autowired CreditLineService lines;
  @Autowired LoanAccountService loans;
  @Autowired SandboxCoreBanking coreBanking;
  @Autowired List<BorrowerExposure> exposureSources;
  @Autowired PostLoanCheckService checks;
  @Autowired SandboxCoreBankingFaults faults;
  @Autowired ApplicationHistory history;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired OperationsMetrics metrics;
  @Autowired MailOutbox outbox;
  @Autowired LoanApplicationRepository applications;
  @Autowired CreditLineReviewService reviews;
  @Autowired CreditLineRepository lineRows;
  @Autowired DailyCloseService dailyClose;

  String applicationId;
  String lineId;

  @BeforeEach
  void aLineOfOneMillionAtZy001() {
    CreditLineFixture fixture = new CreditLineFixture(new LoanFlow(api, this::executeDueJobs, this::completeAs, beans));
    applicationId = fixture.opened(fixture.application("1000000.00"));
    lineId = lines.findByApplication(applicationId).orElseThrow().lineId();
  }

  @AfterEach
  void coreBankingAnswersAgain() {
    faults.reset();
    BrokenMailValues.repairAll();
  }

  private static String requestId() {
    return "APP-DD-" + REQUESTS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Response draw(String requestId, String amount, int termMonths) {
    return api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL,
        "{\"requestId\":\"" + requestId + "\",\"amount\":" + amount + ",\"termMonths\":" + termMonths + "}");
  }

  private JsonNode line() {
    Response answer = api.get("/api/lines/" + lineId, CHANNEL);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private double pendingRequestsMetric() {
    metrics.refresh();
    return PrometheusScrape.of(api, "monitoring").value("smeloan_drawdown_requests_pending");
  }

  /**
   * What became of one of this test's requests. The reconciliation settles every line's unanswered requests and
   * the database is shared by the test classes: a test asserts its own requests, never how many were settled.
   */
  private PendingDrawdown.Status requestStatus(String requestId) {
    return lineRows.findRequest(lineId, requestId).orElseThrow().status();
  }

  private long drawdownsStored() {
    return jdbc.sql("SELECT COUNT(*) FROM credit_line_drawdown WHERE line_id = :id").param("id", lineId).query(Long.class).single();
  }

  private String borrowerEmail() {
    return applications.get(applicationId).legalRepEmail();
  }

  /** Sends the loan's due mails as the outbox poller would; the drawdown payout notices the borrower received for it. */
  private List<MimeMessage> payoutNoticesReceived(String loanId) {
    dispatchMails(loanId);
    return mailsTo(borrowerEmail()).stream().filter(mail -> subjectOf(mail).contains("提款已放款"))
        .filter(mail -> subjectOf(mail).contains(loanId)).toList();
  }

  /** Every drawdown payout notice queued for this borrower, whatever its loan. */
  private long payoutNoticesQueued() {
    return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE template = :template AND recipient = :recipient")
        .param("template", MailTemplate.DRAWDOWN_BOOKED.name()).param("recipient", borrowerEmail())
        .query(Long.class).single();
  }

  @Test
  void aBookedDrawdownMailsTheBorrowerItsPayoutScheduleAndWhatIsLeftToDrawOnceHoweverOftenRetried() {
    String requestId = requestId();
    Response drawn = draw(requestId, "300000.00", 12);
    assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
    String loanId = drawn.json().get("loanId").asText();
    assertThat(draw(requestId, "300000.00", 12).status()).as("the channel's retry").isEqualTo(200);

    List<MimeMessage> notices = payoutNoticesReceived(loanId);

    LoanAccount loan = loans.find(loanId).orElseThrow();
    Instalment first = loan.schedule().get(0);
    Instalment last = loan.schedule().get(11);
    assertThat(notices).as("one 放款通知 for the drawdown, not one per request").singleElement().satisfies(mail -> {
      assertThat(subjectOf(mail)).isEqualTo("【普惠金融】循环额度提款已放款 " + loanId);
      assertThat(bodyOf(mail)).contains(
          "循环额度 " + lineId + " 项下的提款",
          "借据号 " + loanId,
          "提款金额：人民币 300000.00 元",
          "年利率：" + loan.annualRatePercent().stripTrailingZeros().toPlainString() + "%",
          "期限：12 个月，到期日" + ChineseDates.day(loan.maturityDate()),
          "首期还款日：" + ChineseDates.day(first.dueDate()) + "，首期应还 " + first.total().toPlainString() + " 元",
          "共 12 期",
          "第 12 期  " + ChineseDates.day(last.dueDate()) + "  应还 " + last.total().toPlainString() + " 元",
          "额度可用余额为人民币 700000.00 元（授信额度 1000000.00 元",
          "存入还款账户");
    });
    assertThat(outbox.mailsOf(MailCaseType.LOAN, loanId)).extracting(OutboxMail::template)
        .containsExactly(MailTemplate.DRAWDOWN_BOOKED);

    Response second = draw(requestId(), "200000.00", 6);
    String secondLoan = second.json().get("loanId").asText();
    assertThat(payoutNoticesReceived(secondLoan)).as("each drawdown its own notice").singleElement()
        .satisfies(mail -> assertThat(bodyOf(mail)).contains("提款金额：人民币 200000.00 元", "共 6 期",
            "额度可用余额为人民币 500000.00 元"));
  }

  @Test
  void aRefusedDrawdownMailsNothing() {
    assertThat(draw(requestId(), "1000000.01", 12).status()).isEqualTo(400);
    lines.freeze(lineId, "测试: 冻结额度");
    assertThat(draw(requestId(), "1000.00", 12).status()).isEqualTo(409);

    assertThat(payoutNoticesQueued()).isZero();
  }

  @Test
  void aDrawdownIsBookedWhileTheMailServerIsDownAndItsNoticeFollowsOnceTheServerIsBack() {
    mailServer.stop();
    String loanId;
    try {
      Response drawn = draw(requestId(), "300000.00", 12);
      assertThat(drawn.status()).as("the outage holds nothing up: %s", drawn.body()).isEqualTo(201);
      loanId = drawn.json().get("loanId").asText();
      assertThat(payoutNoticesReceived(loanId)).isEmpty();
      assertThat(outbox.mailsOf(MailCaseType.LOAN, loanId)).singleElement().satisfies(mail -> {
        assertThat(mail.template()).isEqualTo(MailTemplate.DRAWDOWN_BOOKED);
        assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
      });
    } finally {
      mailServer.start();
    }
    moveClockBy(Duration.ofMinutes(1).plusSeconds(1)); // the outbox's first back-off

    assertThat(payoutNoticesReceived(loanId)).hasSize(1);
    assertThat(line().get("used").decimalValue()).isEqualByComparingTo("300000.00");
  }

  @Test
  void aDrawdownWhosePayoutNoticeCannotBeRenderedIsBookedAndTheNoticeWaitsFailedForAnOperator() {
    BrokenMailValues.breakLoanMails(applicationId, BrokenMailValues.Fault.THROWS); // the line's drawdowns
    String requestId = requestId();

    Response drawn = draw(requestId, "300000.00", 12);

    assertThat(drawn.status()).as("core banking paid out, so the drawdown is booked: %s", drawn.body()).isEqualTo(201);
    String loanId = drawn.json().get("loanId").asText();
    assertThat(coreBanking.postingsOf(applicationId)).singleElement()
        .satisfies(posting -> assertThat(posting.idempotencyKey()).isEqualTo(lineId + ":" + requestId));
    LoanAccount loan = loans.find(loanId).orElseThrow();
    assertThat(loan.principal()).isEqualByComparingTo("300000.00");
    assertThat(loans.ledger(loanId)).hasSize(12);
    assertThat(drawdownsStored()).isEqualTo(1);
    assertThat(line().get("used").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(loanId).count()).as("post-loan monitoring of the drawdown's loan").isEqualTo(1);
    assertThat(outbox.mailsOf(MailCaseType.LOAN, loanId)).singleElement().satisfies(mail -> {
      assertThat(mail.template()).isEqualTo(MailTemplate.DRAWDOWN_BOOKED);
      assertThat(mail.status()).isEqualTo(MailStatus.FAILED);
      assertThat(mail.renderFailed()).isTrue();
      assertThat(mail.lastError()).contains("DRAWDOWN_BOOKED", "LOAN " + loanId, BrokenMailValues.CAUSE);
    });
    assertThat(payoutNoticesReceived(loanId)).as("never sent as it is").isEmpty();
    assertThat(draw(requestId, "300000.00", 12).status()).as("the channel's retry answers the drawdown").isEqualTo(200);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
  }

  @Test
  void eachDrawdownAnswerStatesWhatWasLeftOnTheLineRightAfterItselfAndAReplayTheSame() {
    String firstRequest = requestId();
    Response first = draw(firstRequest, "300000.00", 12);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().get("lineLimitAfter").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(first.json().get("lineAvailableAfter").decimalValue()).as("本次提款后可用额度").isEqualByComparingTo("700000.00");

    Response second = draw(requestId(), "200000.00", 6);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().get("lineLimitAfter").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(second.json().get("lineAvailableAfter").decimalValue()).isEqualByComparingTo("500000.00");

    // The line moves on: a post-loan check lowers the limit (not below what is drawn).
    lines.reduce(lineId, new BigDecimal("800000.00"), "测试: 贷后检查压降额度");
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("300000.00");

    Response replay = draw(firstRequest, "300000.00", 12);
    assertThat(replay.status()).as("the channel's retry: %s", replay.body()).isEqualTo(200);
    assertThat(replay.json().get("loanId").asText()).isEqualTo(first.json().get("loanId").asText());
    assertThat(replay.json().get("lineLimitAfter").decimalValue()).as("the first booking's figures, not the line now")
        .isEqualByComparingTo("1000000.00");
    assertThat(replay.json().get("lineAvailableAfter").decimalValue()).isEqualByComparingTo("700000.00");

    JsonNode drawdowns = line().get("drawdowns");
    assertThat(drawdowns).extracting(d -> d.get("lineAvailableAfter").decimalValue())
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyInAnyOrder(new BigDecimal("700000.00"), new BigDecimal("500000.00"));
  }

  @Test
  void aReplayAfterRepaymentsAnswersExactlyAsTheFirstBookingDidAndTheLineTellsWhatIsOwedNow() {
    String requestId = requestId();
    Response first = draw(requestId, "300000.00", 12);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String loanId = first.json().get("loanId").asText();
    // The borrower prepays part of the principal before the channel, whose answer was lost, sends the request again.
    Response repaid = api.post("/api/loans/" + loanId + "/repayments", "core-banking",
        "{\"transactionId\":\"CB-" + UUID.randomUUID() + "\",\"amount\":100000.00,\"valueDate\":\"" + clockToday() + "\"}");
    assertThat(repaid.status()).as(repaid.body()).isEqualTo(201);
    BigDecimal owedNow = loans.balances(loanId).outstandingPrincipal();
    assertThat(owedNow).isLessThan(new BigDecimal("300000.00"));

    Response replay = draw(requestId, "300000.00", 12);

    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json()).as("the first answer, not a mix of the booking's line figures and today's principal")
        .isEqualTo(first.json());
    assertThat(replay.json().get("outstandingPrincipal").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(replay.json().get("lineAvailableAfter").decimalValue()).isEqualByComparingTo("700000.00");
    JsonNode listed = line().get("drawdowns").get(0);
    assertThat(listed.get("outstandingPrincipal").decimalValue()).as("the line: what it owes now").isEqualByComparingTo(owedNow);
    assertThat(listed.get("lineAvailableAfter").decimalValue()).as("beside its booking's figures").isEqualByComparingTo("700000.00");
  }

  @Test
  void theApiDescriptionSaysADrawdownAnswerIsTheBookingsAndTheLineTellsWhatIsOwedNow() {
    JsonNode properties = api.get("/v3/api-docs", "admin").json().path("components").path("schemas").path("DrawdownView")
        .path("properties");
    assertThat(properties.path("outstandingPrincipal").path("description").asText())
        .contains("when booked", "200 for its requestId sent again", "line's drawdowns: what it owes now");
  }

  @Test
  void aDrawdownBookedBeforeItsLineFiguresWereKeptAnswersWithoutThem() {
    String requestId = requestId();
    String drawdownId = draw(requestId, "300000.00", 12).json().get("drawdownId").asText();
    jdbc.sql("UPDATE credit_line_drawdown SET line_limit_after = NULL, line_available_after = NULL WHERE drawdown_id = :id")
        .param("id", drawdownId).update(); // as one booked before V125

    Response replay = draw(requestId, "300000.00", 12);

    assertThat(replay.status()).as(replay.body()).isEqualTo(200);
    assertThat(replay.json().has("lineLimitAfter")).as("null, so left out: %s", replay.body()).isFalse();
    assertThat(replay.json().has("lineAvailableAfter")).as(replay.body()).isFalse();
    assertThat(replay.json().get("outstandingPrincipal").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(line().get("drawdowns").get(0).has("lineAvailableAfter")).isFalse();
  }

  @Test
  void theApiDescriptionTellsTheChannelWhatIsLeftAfterADrawdownAndWhenItIsMissing() {
    JsonNode properties = api.get("/v3/api-docs", "admin").json().path("components").path("schemas").path("DrawdownView")
        .path("properties");
    assertThat(properties.path("lineLimitAfter").path("description").asText()).contains("limit", "V125");
    assertThat(properties.path("lineAvailableAfter").path("description").asText())
        .contains("本次提款后可用额度", "payout notice", "V125");
  }

  @Test
  void aPayoutNoticeRenderedAfterTheNextDrawdownStillSaysWhatWasLeftRightAfterItsOwn() {
    BrokenMailValues.breakLoanMails(applicationId, BrokenMailValues.Fault.THROWS);
    String firstLoan = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    OutboxMail failed = outbox.mailsOf(MailCaseType.LOAN, firstLoan).get(0);
    assertThat(failed.status()).as("not rendered when booked").isEqualTo(MailStatus.FAILED);
    BrokenMailValues.repairAll();
    // Meanwhile the borrower draws again and a post-loan check lowers the limit (not below what is drawn).
    String secondLoan = draw(requestId(), "200000.00", 6).json().get("loanId").asText();
    lines.reduce(lineId, new BigDecimal("800000.00"), "测试: 贷后检查压降额度");
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("300000.00");

    outbox.requeue(failed.id(), "admin"); // the operator re-queues it: it is rendered now

    assertThat(payoutNoticesReceived(firstLoan)).as("what remained right after the first drawdown, not the line now")
        .singleElement().satisfies(mail -> assertThat(bodyOf(mail)).contains("提款金额：人民币 300000.00 元",
            "额度可用余额为人民币 700000.00 元（授信额度 1000000.00 元"));
    assertThat(payoutNoticesReceived(secondLoan)).singleElement().satisfies(mail -> assertThat(bodyOf(mail))
        .contains("提款金额：人民币 200000.00 元", "额度可用余额为人民币 500000.00 元（授信额度 1000000.00 元"));
  }

  @Test
  void theChannelFindsTheOpenedLineInTheApplicationAndNoLoan() {
    Response application = api.get("/api/applications/" + applicationId, CHANNEL);

    assertThat(application.status()).as(application.body()).isEqualTo(200);
    assertThat(application.json().path("status").asText()).isEqualTo("DISBURSED");
    assertThat(application.json().path("lineId").asText()).isEqualTo(lineId);
    assertThat(application.json().has("loanId")).as("a line, not a loan, was opened").isFalse();

    assertThat(draw(requestId(), "100000.00", 6).status()).isEqualTo(201);
    JsonNode afterDrawdown = api.get("/api/applications/" + applicationId, CHANNEL).json();
    assertThat(afterDrawdown.path("lineId").asText()).isEqualTo(lineId);
    assertThat(afterDrawdown.has("loanId")).as("a drawdown's loan is the line's, not the application's").isFalse();
  }

  @Test
  void drawdownIsItsOwnLoanWithItsOwnSchedulePostedOnceAndUnderMonitoring() {
    String requestId = requestId();
    Response answer = draw(requestId, "300000.00", 12);

    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String loanId = answer.json().get("loanId").asText();
    LoanAccount loan = loans.find(loanId).orElseThrow();
    assertThat(loan.principal()).isEqualByComparingTo("300000.00");
    assertThat(loan.termMonths()).isEqualTo(12);
    assertThat(loan.schedule()).hasSize(12);
    assertThat(loan.applicationId()).isEqualTo(applicationId);
    assertThat(loan.branchCode()).isEqualTo("ZY001");
    assertThat(coreBanking.postingsOf(applicationId)).singleElement()
        .satisfies(posting -> assertThat(posting.idempotencyKey()).isEqualTo(lineId + ":" + requestId));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(loanId).count()).as("post-loan monitoring of the drawdown's loan").isEqualTo(1);

    JsonNode line = line();
    assertThat(line.get("limit").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(line.get("used").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("700000.00");
    assertThat(line.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(line.get("drawdowns")).hasSize(1);

    Response second = draw(requestId(), "200000.00", 6);
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().get("loanId").asText()).as("a second drawdown is a second loan").isNotEqualTo(loanId);
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("500000.00");
  }

  @Test
  void theSameRequestIdAgainAnswersTheFirstDrawdownAndPostsNothing() {
    String requestId = requestId();
    Response first = draw(requestId, "100000.00", 12);
    Response again = draw(requestId, "100000.00", 12);
    Response otherAmount = draw(requestId, "150000.00", 12);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("drawdownId").asText()).isEqualTo(first.json().get("drawdownId").asText());
    assertThat(again.json().get("loanId").asText()).isEqualTo(first.json().get("loanId").asText());
    assertThat(otherAmount.status()).as(otherAmount.body()).isEqualTo(422);
    assertThat(otherAmount.json().get("detail").asText()).as("names the field the channel sent, in Chinese")
        .startsWith("requestId '" + requestId + "' 已用于内容不同的另一请求, 不予受理: 同一请求请按原内容重发, 新的请求请使用新的 requestId");
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(drawdownsStored()).isEqualTo(1);
  }

  @Test
  void anAmountAboveTheAvailableLimitIsRefusedNamingWhatIsAvailableAndNothingIsStored() {
    assertThat(draw(requestId(), "800000.00", 12).status()).isEqualTo(201);

    Response refused = draw(requestId(), "200000.01", 12);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.contentType()).contains("application/problem+json");
    JsonNode error = refused.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("amount");
    assertThat(error.get("code").asText()).isEqualTo("EXCEEDS_AVAILABLE");
    assertThat(error.get("message").asText()).contains("200000.00");
    assertThat(drawdownsStored()).isEqualTo(1);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(draw(requestId(), "200000.00", 12).status()).as("exactly what is available").isEqualTo(201);
  }

  /** What the approval authority sees of this borrower's line: the whole limit while it may be drawn. */
  private BigDecimal exposureOfTheLine() {
    return exposureSources.stream().map(source -> source.outstandingPrincipal(List.of(applicationId)))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void anActiveLineCountsForItsWholeLimitInTheBorrowersExposureDrawnOrNot() {
    assertThat(exposureOfTheLine()).as("nothing drawn yet").isEqualByComparingTo("1000000.00");

    assertThat(draw(requestId(), "300000.00", 12).status()).isEqualTo(201);
    assertThat(exposureOfTheLine()).as("300,000 drawn, 700,000 still committed").isEqualByComparingTo("1000000.00");

    faults.failBeforePosting(1);
    String pending = requestId();
    assertThat(draw(pending, "200000.00", 12).status()).isEqualTo(503);
    assertThat(exposureOfTheLine()).as("a pending request is within the committed limit").isEqualByComparingTo("1000000.00");

    lines.freeze(lineId, "测试: 冻结额度");
    assertThat(exposureOfTheLine()).as("a frozen line commits what is drawn and what a pending request may have paid out")
        .isEqualByComparingTo("500000.00");
    Response retried = draw(pending, "200000.00", 12);
    assertThat(retried.status()).as("not posted again on a frozen line").isEqualTo(409);
    assertThat(retried.json().get("detail").asText()).contains("冻结", "此前的提款请求待核心系统确认")
        .as("the Chinese first, the English beside it").endsWith("此前的提款请求待核心系统确认, 系统将向核心系统核实: 已记账则补记借据,"
            + " 未记账则释放预留额度 (line " + lineId + "; the earlier attempt awaits core banking's answer: booked, its loan is"
            + " recorded; not booked, its reservation is released)");
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    lines.reconcileUnanswered(Duration.ZERO, 100);
    assertThat(requestStatus(pending)).isEqualTo(PendingDrawdown.Status.CANCELLED);
    assertThat(exposureOfTheLine()).as("core banking booked nothing: only what is drawn").isEqualByComparingTo("300000.00");
  }

  /** A post-loan check of the drawdown concluded 压降或冻结额度 with this measure; its instruction as issued. */
  private LineInstruction checkOfTheDrawdownRestrictsTheLine(String loanId, LineMeasure measure, String reducedLimit) {
    return checkOfTheDrawdownRestrictsTheLine(loanId, measure, reducedLimit, "经营明显下滑, 主要客户流失");
  }

  private LineInstruction checkOfTheDrawdownRestrictsTheLine(String loanId, LineMeasure measure, String reducedLimit,
      String findings) {
    PostLoanCheck check = checks.open(loanId, CheckKind.SIGNAL, List.of());
    // in a transaction, as the check's task listener completes it (the loan's lock is taken only inside one)
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> checks.complete(new CompleteCheck(
        check.checkId(), CheckOutcome.RESTRICT_LINE, findings, List.of(), measure,
        reducedLimit == null ? null : new BigDecimal(reducedLimit), "remote-verifier")));
    return checks.issueLineInstruction(check.checkId());
  }

  @Test
  void aPostLoanCheckThatFreezesTheLineOfADrawdownFreezesItAndNoMoreCanBeDrawn() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();

    LineInstruction instruction = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null);

    assertThat(instruction.status()).isEqualTo(LineInstruction.APPLIED);
    assertThat(line().get("status").asText()).isEqualTo("FROZEN");
    assertThat(draw(requestId(), "1000.00", 12).status()).as("a frozen line is not drawn on").isEqualTo(409);
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_FROZEN")).singleElement()
        .satisfies(event -> {
          assertThat(event.actor()).as("the checker").isEqualTo("remote-verifier");
          assertThat(event.detail()).contains(lineId).contains(instruction.checkId()).contains("经营明显下滑, 主要客户流失");
        });
  }

  @Test
  void aPostLoanCheckWithFindingsAsLongAsItsFormTakesFreezesTheLineAndStaffReadThemWhole() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    // 2,000 characters, what the check forms' 检查结论 takes (checkFindings, maxLength 2000)
    String findings = ("实际控制人名下关联企业停产, 主要客户流失, 应收账款大幅逾期; ".repeat(80)).substring(0, 2000);

    LineInstruction instruction = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null, findings);

    assertThat(instruction.status()).isEqualTo(LineInstruction.APPLIED);
    assertThat(line().get("status").asText()).isEqualTo("FROZEN");
    assertThat(api.get("/api/lines/" + lineId, "admin").json().get("statusReason").asText()).endsWith(findings);
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_FROZEN")).singleElement()
        .satisfies(event -> assertThat(event.detail()).as("the line's history keeps the findings whole").endsWith(findings));
    assertThat(draw(requestId(), "1000.00", 12).status()).as("a frozen line is not drawn on").isEqualTo(409);
  }

  @Test
  void aPostLoanCheckThatFreezesALineFrozenAlreadyIsRecordedWithItsFindingsAndStaffSeeWhoFrozeIt() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    LineInstruction first = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null, "实际控制人失联");

    LineInstruction second = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null, "应收账款大幅逾期");

    assertThat(second.status()).isEqualTo(LineInstruction.APPLIED);
    assertThat(history.of(applicationId)).as("each check's freeze, the second of a line frozen already")
        .filteredOn(e -> e.eventType().equals("CREDIT_LINE_FROZEN")).hasSize(2).last()
        .satisfies(event -> {
          assertThat(event.actor()).as("the checker").isEqualTo("remote-verifier");
          assertThat(event.detail()).contains(lineId).contains(second.checkId()).contains("应收账款大幅逾期");
        });
    JsonNode staffView = api.get("/api/lines/" + lineId, "admin").json();
    assertThat(staffView.get("status").asText()).isEqualTo("FROZEN");
    assertThat(staffView.get("statusReason").asText()).as("why it is frozen: both checks' findings")
        .contains(first.checkId()).contains("实际控制人失联").contains(second.checkId()).contains("应收账款大幅逾期");
    assertThat(staffView.get("frozenBy").asText()).as("who froze it last").isEqualTo("remote-verifier");
    assertThat(staffView.hasNonNull("frozenAt")).as("when it was frozen last").isTrue();
    JsonNode channelView = line();
    assertThat(channelView.has("frozenBy") || channelView.has("frozenAt")).as("the channel is not told who froze it").isFalse();
  }

  @Test
  void aLineFrozenByManyChecksWithLongFindingsRecordsEachAndKeepsItsReasonWithinTheColumn() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    List<LineInstruction> freezes = new java.util.ArrayList<>();
    for (String finding : List.of("实际控制人名下关联企业停产; ", "主要客户流失, 订单锐减; ", "应收账款大幅逾期, 涉诉; ")) {
      // 2,000 characters each, what the check forms' 检查结论 takes
      freezes.add(checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null, finding.repeat(200).substring(0, 2000)));
    }

    assertThat(freezes).extracting(LineInstruction::status).containsOnly(LineInstruction.APPLIED);
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_FROZEN"))
        .extracting(ApplicationHistory.Event::detail).as("every check's freeze, each naming its check").hasSize(3)
        .satisfiesExactly(d -> assertThat(d).contains(freezes.get(0).checkId()),
            d -> assertThat(d).contains(freezes.get(1).checkId()), d -> assertThat(d).contains(freezes.get(2).checkId()));
    String reason = api.get("/api/lines/" + lineId, "admin").json().get("statusReason").asText();
    assertThat(reason).as("readable within V149's 4,100 characters").hasSizeLessThanOrEqualTo(CreditLine.MAX_STATUS_REASON)
        .startsWith("贷后检查 " + freezes.get(0).checkId()).as("the latest check's findings whole")
        .endsWith("应收账款大幅逾期, 涉诉; ".repeat(200).substring(0, 2000));
  }

  @Test
  void aPostLoanCheckThatReducesTheLineOfADrawdownNeverTakesTheLimitBelowWhatIsDrawn() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();

    LineInstruction instruction = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.REDUCE, "200000.00");

    assertThat(instruction.status()).isEqualTo(LineInstruction.APPLIED);
    JsonNode line = line();
    assertThat(line.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(line.get("limit").decimalValue()).as("the drawn 300,000, not the checker's 200,000").isEqualByComparingTo("300000.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(api.get("/api/lines/" + lineId, "admin").json().hasNonNull("statusReason"))
        .as("an ACTIVE line has no status reason").isFalse();
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_REDUCED")).singleElement()
        .satisfies(event -> assertThat(event.detail()).contains("1000000.00").contains("300000.00")
            .contains(instruction.checkId()).contains("经营明显下滑, 主要客户流失"));
  }

  @Test
  void aPostLoanCheckThatReducesAFrozenLineKeepsWhyItWasFrozenAndTheReductionIsInTheLinesHistory() {
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.FREEZE, null, "实际控制人失联");
    String frozenFor = api.get("/api/lines/" + lineId, "admin").json().get("statusReason").asText();

    LineInstruction reduction = checkOfTheDrawdownRestrictsTheLine(loanId, LineMeasure.REDUCE, "200000.00", "应收账款大幅逾期");

    JsonNode staffView = api.get("/api/lines/" + lineId, "admin").json();
    assertThat(staffView.get("status").asText()).isEqualTo("FROZEN");
    assertThat(staffView.get("limit").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(staffView.get("statusReason").asText()).as("why it is frozen").isEqualTo(frozenFor).contains("实际控制人失联");
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_REDUCED")).singleElement()
        .satisfies(event -> assertThat(event.detail()).contains("1000000.00").contains("300000.00")
            .contains(reduction.checkId()).contains("应收账款大幅逾期"));
  }

  @Test
  void repayingPrincipalOfADrawdownRestoresTheAvailableLimit() {
    Response drawn = draw(requestId(), "1000000.00", 12);
    String loanId = drawn.json().get("loanId").asText();
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(draw(requestId(), "1.00", 12).status()).isEqualTo(400);

    // The borrower prepays: what is left after the current instalment prepays principal.
    Response repaid = api.post("/api/loans/" + loanId + "/repayments", "core-banking",
        "{\"transactionId\":\"CB-" + UUID.randomUUID() + "\",\"amount\":400000.00,\"valueDate\":\"" + clockToday() + "\"}");
    assertThat(repaid.status()).as(repaid.body()).isEqualTo(201);

    BigDecimal outstanding = loans.balances(loanId).outstandingPrincipal();
    JsonNode line = line();
    assertThat(outstanding).isLessThan(new BigDecimal("700000.00"));
    assertThat(line.get("used").decimalValue()).isEqualByComparingTo(outstanding);
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo(new BigDecimal("1000000.00").subtract(outstanding));
    assertThat(line.get("drawdowns").get(0).get("outstandingPrincipal").decimalValue()).isEqualByComparingTo(outstanding);
    assertThat(draw(requestId(), "300000.00", 6).status()).as("the repaid principal can be drawn again").isEqualTo(201);
  }

  @Test
  void aWrittenOffDrawdownKeepsUsingTheLineAndStopsDrawdownsUntilItsClaimIsRecovered() {
    String loanId = draw(requestId(), "600000.00", 12).json().get("loanId").asText();
    // Collections wrote the drawdown off (核销): it leaves the books, the claim is kept (账销案存), the borrower still owes it.
    loans.writeOff(new WriteOffLoan(loanId, LocalDate.parse(clockToday()), "collector2", "测试核销"));

    JsonNode line = line();
    assertThat(line.get("used").decimalValue()).as("the principal written off is still owed").isEqualByComparingTo("600000.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("400000.00");
    assertThat(line.get("drawdowns").get(0).get("outstandingPrincipal").decimalValue()).isEqualByComparingTo("600000.00");
    // Nor does the borrower draw the rest while the claim is owed (a borrower in default).
    Response refused = draw(requestId(), "100000.00", 12);
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText())
        .contains("额度项下借据 " + loanId + " 已核销, 尚欠 600000.00 元, 还清前不能提款");
    assertThat(drawdownsStored()).isEqualTo(1);

    // A recovery (核销后收回) pays the principal written off first: what is recovered is no longer used.
    recover(loanId, "100000.00");
    assertThat(line().get("used").decimalValue()).isEqualByComparingTo("500000.00");
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("500000.00");
    assertThat(draw(requestId(), "100000.00", 12).status()).isEqualTo(409);

    recover(loanId, "500000.00");
    assertThat(line().get("used").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(draw(requestId(), "1000000.00", 12).status()).as("the claim recovered, the whole limit").isEqualTo(201);
  }

  private void recover(String loanId, String amount) {
    Response recovered = api.post("/api/loans/" + loanId + "/repayments", "core-banking",
        "{\"transactionId\":\"CB-" + UUID.randomUUID() + "\",\"amount\":" + amount + ",\"valueDate\":\"" + clockToday() + "\"}");
    assertThat(recovered.status()).as(recovered.body()).isEqualTo(201);
  }

  @Test
  void aDrawdownInArrearsStopsFurtherDrawdownsUntilTheBorrowerRepaysThem() {
    // Drawn in an era of its own, so that this test's daily close reaches no other test's loans.
    LocalDate drawnOn = BusinessDates.era();
    moveClockTo(drawnOn.atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    String loanId = draw(requestId(), "300000.00", 12).json().get("loanId").asText();
    LocalDate firstDue = loans.find(loanId).orElseThrow().schedule().get(0).dueDate();
    moveClockTo(firstDue.plusDays(1).atTime(10, 0).atZone(BusinessClock.BANK_ZONE).toInstant());
    dailyClose.close(firstDue);
    BigDecimal arrears = loans.balances(loanId).arrears();
    assertThat(arrears).as("the first instalment is unpaid").isPositive();

    Response refused = draw(requestId(), "100000.00", 6);

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText())
        .contains("额度项下借据 " + loanId + " 逾期未还 " + arrears.toPlainString() + " 元, 归还逾期款项后方可提款");
    assertThat(drawdownsStored()).isEqualTo(1);
    assertThat(line().get("reserved").decimalValue()).isEqualByComparingTo("0.00");

    // The borrower repays the arrears this morning: the line may be drawn at once, not after tonight's close.
    Response repaid = api.post("/api/loans/" + loanId + "/repayments", "core-banking", "{\"transactionId\":\"CB-"
        + UUID.randomUUID() + "\",\"amount\":" + arrears.toPlainString() + ",\"valueDate\":\"" + clockToday() + "\"}");
    assertThat(repaid.status()).as(repaid.body()).isEqualTo(201);
    assertThat(draw(requestId(), "100000.00", 6).status()).isEqualTo(201);
  }

  @Test
  void aBouncedRepaymentAfterARedrawShowsTheLineOverItsLimitAndADrawdownIsRefusedSayingWhatToRepay() {
    String loanId = draw(requestId(), "1000000.00", 12).json().get("loanId").asText();
    String repayment = "CB-" + UUID.randomUUID();
    assertThat(api.post("/api/loans/" + loanId + "/repayments", "core-banking", "{\"transactionId\":\"" + repayment
        + "\",\"amount\":400000.00,\"valueDate\":\"" + clockToday() + "\"}").status()).isEqualTo(201);
    String redrawn = line().get("available").decimalValue().toPlainString();
    assertThat(draw(requestId(), redrawn, 6).status()).as("the repaid principal drawn again").isEqualTo(201);
    assertThat(line().get("overLimit").decimalValue()).isEqualByComparingTo("0.00");

    Response bounced = api.post("/api/loans/" + loanId + "/repayments/" + repayment + "/reversal", "core-banking",
        "{\"reason\": \"退票\"}");
    assertThat(bounced.status()).as(bounced.body()).isEqualTo(200);

    JsonNode line = line();
    BigDecimal used = line.get("used").decimalValue();
    BigDecimal over = used.subtract(new BigDecimal("1000000.00"));
    assertThat(over).as("the bounced principal is owed again on the first drawdown").isPositive();
    assertThat(line.get("limit").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.get("overLimit").decimalValue()).as("what is drawn above the limit").isEqualByComparingTo(over);
    assertThat(api.get("/api/lines/" + lineId, "zy001-acceptor").json().get("overLimit").decimalValue())
        .as("branch staff read it too").isEqualByComparingTo(over);

    Response refused = draw(requestId(), "1000.00", 6);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    JsonNode error = refused.json().get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("amount");
    assertThat(error.get("code").asText()).isEqualTo("OVER_LIMIT");
    assertThat(error.get("message").asText()).contains("额度已超用 " + over.toPlainString() + " 元",
        "还款超过 " + over.toPlainString() + " 元后方可提款");
    assertThat(drawdownsStored()).isEqualTo(2);
  }

  @Test
  void concurrentDrawdownsNeverExceedTheLimit() throws InterruptedException {
    List<Response> answers = Concurrently.run(8, () -> draw(requestId(), "300000.00", 12));

    assertThat(answers).extracting(Response::status).containsOnly(201, 400);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(3);
    assertThat(drawdownsStored()).isEqualTo(3);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(3);
    assertThat(line().get("used").decimalValue()).isEqualByComparingTo("900000.00");
  }

  @Test
  void twoDrawdownsAtOnceEachStateWhatWasLeftRightAfterItsOwnBookingWhicheverIsBookedFirst() throws InterruptedException {
    AtomicInteger turn = new AtomicInteger();
    List<Response> answers = Concurrently.run(2,
        () -> turn.getAndIncrement() == 0 ? draw(requestId(), "300000.00", 12) : draw(requestId(), "200000.00", 6));

    assertThat(answers).extracting(Response::status).containsOnly(201);
    List<BigDecimal> after = answers.stream().map(a -> a.json().get("lineAvailableAfter").decimalValue()).sorted().toList();
    // Booked one after the other under the line's lock: the second booked sees both drawn (1,000,000 - 500,000); the first
    // booked sees its own drawn and the other either reserved already (500,000 too) or not yet asked for (limit - its own).
    assertThat(after.get(0)).as("the later booking: %s", answers).isEqualByComparingTo("500000.00");
    JsonNode firstBooked = answers.stream().filter(a -> a.json().get("lineAvailableAfter").decimalValue().compareTo(after.get(1)) == 0)
        .findFirst().orElseThrow().json();
    BigDecimal ownOnly = new BigDecimal("1000000.00").subtract(firstBooked.get("amount").decimalValue());
    assertThat(after.get(1).compareTo(new BigDecimal("500000.00")) == 0 || after.get(1).compareTo(ownOnly) == 0)
        .as("the earlier booking: %s", answers).isTrue();
    assertThat(line().get("drawdowns")).extracting(d -> d.get("lineAvailableAfter").decimalValue())
        .usingElementComparator(BigDecimal::compareTo).containsExactlyInAnyOrderElementsOf(after);
  }

  @Test
  void aDrawdownBookedWhileAnEarlierOneIsWithCoreBankingCountsItsReservationAndTheEarlierOneBookedLastSeesBoth() throws Exception {
    faults.answerSlowly(Duration.ofSeconds(3), 1);
    ExecutorService slowClient = Executors.newSingleThreadExecutor();
    try {
      Future<Response> slow = slowClient.submit(() -> draw(requestId(), "200000.00", 12));
      for (int waited = 0; faults.pendingSlowAnswers() > 0 && waited < 200; waited++) {
        Thread.sleep(50); // until the first drawdown, reserved, is with core banking
      }
      assertThat(faults.pendingSlowAnswers()).as("the first drawdown reached core banking").isZero();

      Response bookedFirst = draw(requestId(), "100000.00", 12);
      faults.answerNow();
      Response bookedLast = slow.get(30, TimeUnit.SECONDS);

      assertThat(bookedFirst.status()).as(bookedFirst.body()).isEqualTo(201);
      assertThat(bookedLast.status()).as(bookedLast.body()).isEqualTo(201);
      assertThat(bookedFirst.json().get("lineAvailableAfter").decimalValue())
          .as("1,000,000 - 100,000 drawn - 200,000 reserved by the request still with core banking: not drawable then either")
          .isEqualByComparingTo("700000.00");
      assertThat(bookedLast.json().get("lineAvailableAfter").decimalValue()).as("1,000,000 - both drawn")
          .isEqualByComparingTo("700000.00");
      assertThat(line().get("available").decimalValue()).isEqualByComparingTo("700000.00");
    } finally {
      slowClient.shutdownNow();
    }
  }

  @Test
  void concurrentRetriesOfOneRequestDrawOnce() throws InterruptedException {
    String requestId = requestId();
    List<Response> answers = Concurrently.run(6, () -> draw(requestId, "250000.00", 12));

    assertThat(answers).extracting(Response::status).containsOnly(201, 200);
    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    assertThat(answers).extracting(a -> a.json().get("drawdownId").asText()).containsOnly(answers.get(0).json().get("drawdownId").asText());
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
  }

  @Test
  void aDrawdownCoreBankingDidNotAnswerStaysReservedAndTheSameRequestIdCompletesItOnce() {
    String requestId = requestId();
    double pendingBefore = pendingRequestsMetric();
    faults.failBeforePosting(1);
    Response unanswered = draw(requestId, "600000.00", 12);

    assertThat(unanswered.status()).as(unanswered.body()).isEqualTo(503);
    assertThat(unanswered.json().get("detail").asText()).contains("额度已预留", "同一 requestId 重试")
        .as("the bank's internal wording of the failure stays in its log").doesNotContain("Core banking", "application", "fault");
    JsonNode pending = line();
    assertThat(pending.get("reserved").decimalValue()).isEqualByComparingTo("600000.00");
    assertThat(pending.get("available").decimalValue()).isEqualByComparingTo("400000.00");
    assertThat(pending.get("pendingDrawdowns")).singleElement()
        .satisfies(p -> assertThat(p.get("requestId").asText()).isEqualTo(requestId));
    assertThat(drawdownsStored()).isZero();
    assertThat(pendingRequestsMetric()).as("operations see the unanswered request").isEqualTo(pendingBefore + 1);
    Response aboveWhatIsLeft = draw(requestId(), "500000.00", 12);
    assertThat(aboveWhatIsLeft.status()).as("the pending request's amount is reserved").isEqualTo(400);
    assertThat(aboveWhatIsLeft.json().get("errors").get(0).get("message").asText()).contains("400000.00");

    Response retried = draw(requestId, "600000.00", 12);

    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    JsonNode line = line();
    assertThat(line.get("used").decimalValue()).isEqualByComparingTo("600000.00");
    assertThat(line.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("400000.00");
    assertThat(line.get("pendingDrawdowns")).isEmpty();
    assertThat(pendingRequestsMetric()).isEqualTo(pendingBefore);
    assertThat(draw(requestId, "600000.00", 12).status()).isEqualTo(200);
  }

  @Test
  void aLostAnswerIsBookedByTheReconciliationWithoutPostingAgain() {
    String requestId = requestId();
    faults.failAfterPosting(1);
    assertThat(draw(requestId, "300000.00", 6).status()).isEqualTo(503);
    assertThat(coreBanking.postingsOf(applicationId)).as("core banking posted; its answer was lost").hasSize(1);
    lines.reconcileUnanswered(Duration.ofMinutes(5), 100);
    assertThat(requestStatus(requestId)).as("too recent: it may still be under way").isEqualTo(PendingDrawdown.Status.PENDING);
    assertThat(line().get("reserved").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(drawdownsStored()).isZero();

    lines.reconcileUnanswered(Duration.ZERO, 100);

    assertThat(requestStatus(requestId)).isEqualTo(PendingDrawdown.Status.DRAWN);
    assertThat(drawdownsStored()).isEqualTo(1);
    assertThat(coreBanking.postingsOf(applicationId)).as("asked, not posted again").hasSize(1);
    JsonNode line = line();
    assertThat(line.get("used").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(line.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    String loanId = line.get("drawdowns").get(0).get("loanId").asText();
    assertThat(loans.find(loanId).orElseThrow().schedule()).hasSize(6);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PostLoanMonitoringProcess.KEY)
        .processInstanceBusinessKey(loanId).count()).isEqualTo(1);
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_DRAWDOWN")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains(loanId, "应答曾丢失"));
    Response retried = draw(requestId, "300000.00", 6);
    assertThat(retried.status()).as("the channel's retry finds the booked drawdown").isEqualTo(200);
    assertThat(retried.json().get("loanId").asText()).isEqualTo(loanId);
    lines.reconcileUnanswered(Duration.ZERO, 100);
    assertThat(drawdownsStored()).as("nothing left to settle").isEqualTo(1);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_DRAWDOWN")).hasSize(1);
    assertThat(payoutNoticesReceived(loanId)).as("the borrower learns of the drawdown booked after the lost answer, once")
        .singleElement().satisfies(mail -> assertThat(bodyOf(mail)).contains("提款金额：人民币 300000.00 元", "共 6 期"));
    assertThat(payoutNoticesQueued()).isEqualTo(1);
  }

  @Test
  void aLostAnswerSettledOnALaterDayIsDrawnOnTheDayCoreBankingPostedIt() {
    // Core banking pays out today and both answers are lost; the channel sends one again tomorrow, the
    // reconciliation finds the other tomorrow. The money left today: interest runs from today, as for a loan of
    // origination (the posting's day), not from the day the answer finally came.
    java.time.LocalDate postedOn = java.time.LocalDate.parse(clockToday());
    String retriedByTheChannel = requestId();
    String reconciled = requestId();
    faults.failAfterPosting(2);
    assertThat(draw(retriedByTheChannel, "300000.00", 12).status()).isEqualTo(503);
    assertThat(draw(reconciled, "200000.00", 6).status()).isEqualTo(503);
    moveClockBy(Duration.ofDays(1));

    Response retried = draw(retriedByTheChannel, "300000.00", 12);
    lines.reconcileUnanswered(Duration.ZERO, 100);
    assertThat(lineRows.findDrawdown(lineId, reconciled)).as("booked by the reconciliation").isPresent();

    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(coreBanking.postingsOf(applicationId)).as("posted once each, yesterday").hasSize(2);
    assertThat(lines.drawdowns(lineId)).hasSize(2).allSatisfy(d -> {
      assertThat(d.drawnOn()).as(d.requestId()).isEqualTo(postedOn);
      LoanAccount loan = loans.find(d.loanId()).orElseThrow();
      assertThat(loan.disbursedOn()).as(d.requestId()).isEqualTo(postedOn);
      assertThat(loan.schedule().get(0).dueDate()).as(d.requestId()).isEqualTo(postedOn.plusMonths(1));
    });
    assertThat(retried.json().get("drawnOn").asText()).isEqualTo(postedOn.toString());
  }

  @Test
  void aRequestCoreBankingNeverBookedIsCancelledItsReservationReleasedAndItCanBeSentAgain() {
    String requestId = requestId();
    faults.failBeforePosting(1);
    assertThat(draw(requestId, "800000.00", 12).status()).isEqualTo(503);
    faults.failBeforePosting(1);
    lines.reconcileUnanswered(Duration.ZERO, 100);
    assertThat(requestStatus(requestId)).as("core banking still down: left for later").isEqualTo(PendingDrawdown.Status.PENDING);
    assertThat(line().get("reserved").decimalValue()).isEqualByComparingTo("800000.00");
    assertThat(lines.reduce(lineId, new BigDecimal("500000.00"), "贷后检查: 压降额度").limit())
        .as("never below what a pending request reserved").isEqualByComparingTo("800000.00");

    lines.reconcileUnanswered(Duration.ZERO, 100);

    assertThat(requestStatus(requestId)).isEqualTo(PendingDrawdown.Status.CANCELLED);
    JsonNode line = line();
    assertThat(line.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("800000.00");
    assertThat(line.get("pendingDrawdowns")).isEmpty();
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(drawdownsStored()).isZero();
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_DRAWDOWN_CANCELLED"))
        .singleElement().satisfies(e -> assertThat(e.detail()).contains(requestId, "预留额度已释放"));
    assertThat(payoutNoticesQueued()).as("nothing paid out, nothing announced").isZero();
    Response again = draw(requestId, "800000.00", 12);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(coreBanking.postingsOf(applicationId)).hasSize(1);
  }

  /** The line past its validity and EXPIRED, as 办理额度到期 leaves it the day after validUntil. */
  private void lineExpires() {
    moveClockBy(Duration.ofDays(365L * 3 + 2));
    reviews.expire(lineId);
    assertThat(line().get("status").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void aPendingDrawdownSentAgainAfterTheLineExpiredIsRefusedAndItsReservationReleasedWhenCoreBankingHadNotPaid() {
    String requestId = requestId();
    faults.failBeforePosting(1);
    assertThat(draw(requestId, "300000.00", 12).status()).isEqualTo(503);
    lineExpires();

    Response retried = draw(requestId, "300000.00", 12);

    assertThat(retried.status()).as(retried.body()).isEqualTo(409);
    assertThat(retried.json().get("detail").asText()).as("the channel tells the borrower why, and that nothing was paid out")
        .contains("额度已到期", "未予放款", "预留额度已释放")
        .endsWith(" (line " + lineId + "; the earlier attempt was not booked by core banking: nothing paid out, its reservation released)");
    assertThat(coreBanking.postingsOf(applicationId)).as("not posted again on an expired line").isEmpty();
    assertThat(drawdownsStored()).isZero();
    JsonNode line = line();
    assertThat(line.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.get("available").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(line.get("pendingDrawdowns")).isEmpty();
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_DRAWDOWN_CANCELLED"))
        .singleElement().satisfies(e -> assertThat(e.detail()).contains(requestId, "额度已到期", "预留额度已释放"));
    assertThat(jdbc.sql("SELECT status FROM credit_line_drawdown_request WHERE line_id = :id").param("id", lineId)
        .query(String.class).single()).as("nothing left for the reconciliation").isEqualTo("CANCELLED");
    assertThat(payoutNoticesQueued()).isZero();
  }

  @Test
  void aPendingDrawdownSentAgainAfterTheLineExpiredIsBookedWhenCoreBankingHadPaid() {
    java.time.LocalDate postedOn = java.time.LocalDate.parse(clockToday());
    String requestId = requestId();
    faults.failAfterPosting(1);
    assertThat(draw(requestId, "300000.00", 12).status()).isEqualTo(503);
    lineExpires();

    Response retried = draw(requestId, "300000.00", 12);

    assertThat(retried.status()).as("the money moved before the line expired: booked, %s", retried.body()).isEqualTo(201);
    assertThat(retried.json().get("drawnOn").asText()).isEqualTo(postedOn.toString());
    assertThat(coreBanking.postingsOf(applicationId)).as("asked, not posted again").hasSize(1);
    JsonNode line = line();
    assertThat(line.get("used").decimalValue()).isEqualByComparingTo("300000.00");
    assertThat(line.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line.get("status").asText()).isEqualTo("EXPIRED");
    assertThat(history.of(applicationId)).filteredOn(e -> e.eventType().equals("CREDIT_LINE_DRAWDOWN")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("应答曾丢失"));
    assertThat(payoutNoticesQueued()).isEqualTo(1);
    assertThat(draw(requestId, "300000.00", 12).status()).as("the same request again: the drawdown").isEqualTo(200);
  }

  @Test
  void aPendingDrawdownSentAgainWhoseMaturityNowPassesTheLinesEndIsNotPostedAndItsReservationReleased() {
    String requestId = requestId();
    faults.failBeforePosting(1);
    assertThat(draw(requestId, "300000.00", 12).status()).isEqualTo(503);
    moveClockBy(Duration.ofDays(365L * 3 - 200));

    Response retried = draw(requestId, "300000.00", 12);

    assertThat(retried.status()).as(retried.body()).isEqualTo(400);
    JsonNode error = retried.json().get("errors").get(0);
    assertThat(error.get("code").asText()).isEqualTo("BEYOND_LINE_VALIDITY");
    assertThat(error.get("message").asText()).contains("晚于额度有效期"
        + ChineseDates.day(LocalDate.parse(line().get("validUntil").asText())) + ", 请缩短期限", "预留额度已释放");
    assertThat(coreBanking.postingsOf(applicationId)).as("12 months from today would mature after the line's end").isEmpty();
    assertThat(line().get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line().get("available").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(draw(requestId(), "300000.00", 6).status()).as("a shorter term, as a new request").isEqualTo(201);
  }

  @Test
  void aSlowCoreBankingHoldsNoLockOnTheLine() throws Exception {
    faults.answerSlowly(Duration.ofSeconds(4), 1);
    ExecutorService slowClient = Executors.newSingleThreadExecutor();
    try {
      Future<Response> slow = slowClient.submit(() -> draw(requestId(), "200000.00", 12));
      for (int waited = 0; faults.pendingSlowAnswers() > 0 && waited < 200; waited++) {
        Thread.sleep(50); // until the first drawdown is with core banking
      }
      assertThat(faults.pendingSlowAnswers()).as("the first drawdown reached core banking").isZero();

      Response meanwhile = draw(requestId(), "100000.00", 12);
      boolean slowDoneWhenTheOtherWas = slow.isDone();
      CreditLine frozen = lines.freeze(lineId, "年审: 冻结额度");

      assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(201);
      assertThat(slowDoneWhenTheOtherWas).as("the second drawdown did not wait for the first one's core banking answer").isFalse();
      assertThat(frozen.status()).isEqualTo(CreditLineStatus.FROZEN);
      assertThat(slow.isDone()).as("the freeze did not wait either").isFalse();
      faults.answerNow();
      Response slowAnswer = slow.get(30, TimeUnit.SECONDS);
      assertThat(slowAnswer.status()).as("asked before the freeze: booked, as core banking posted it")
          .isEqualTo(201);
      assertThat(drawdownsStored()).isEqualTo(2);
      assertThat(line().get("used").decimalValue()).isEqualByComparingTo("300000.00");
    } finally {
      slowClient.shutdownNow();
    }
  }

  @Test
  void aFrozenLineRefusesADrawdownAndStoresNothingTellingTheChannelTheStatusNotTheStaffsReason() {
    lines.freeze(lineId, "贷后检查: 实际控制人涉赌, 冻结额度");

    Response refused = draw(requestId(), "100000.00", 12);

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("额度已冻结").doesNotContain("涉赌");
    assertThat(drawdownsStored()).isZero();
    assertThat(coreBanking.postingsOf(applicationId)).isEmpty();
    assertThat(line().get("status").asText()).isEqualTo("FROZEN");
    assertThat(line().has("statusReason")).as("the channel shows the borrower the status only").isFalse();
    assertThat(api.get("/api/lines/" + lineId, "admin").json().get("statusReason").asText()).contains("涉赌");
  }

  @Test
  void aDrawdownPastTheValidityIsRefusedAndATermBeyondItNamesTheTerm() {
    Response thirtySix = draw(requestId(), "100000.00", 36);
    assertThat(thirtySix.status()).as("36 months from the opening day end a day after validUntil: %s", thirtySix.body())
        .isEqualTo(400);
    assertThat(thirtySix.json().get("errors").get(0).get("code").asText()).isEqualTo("BEYOND_LINE_VALIDITY");
    assertThat(draw(requestId(), "100000.00", 35).status()).isEqualTo(201);

    moveClockBy(Duration.ofDays(365L * 3 - 200));
    Response tooLong = draw(requestId(), "100000.00", 12);
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("termMonths");
    assertThat(tooLong.json().get("errors").get(0).get("code").asText()).isEqualTo("BEYOND_LINE_VALIDITY");

    moveClockBy(Duration.ofDays(250));
    Response expired = draw(requestId(), "100000.00", 3);
    assertThat(expired.status()).as(expired.body()).isEqualTo(409);
    assertThat(expired.json().get("detail").asText()).contains("已过有效期");
    assertThat(drawdownsStored()).as("the 35-month drawdown only").isEqualTo(1);
  }

  @Test
  void badFieldsAreNamedAndStaffOfAnotherBranchCannotReadTheLine() {
    Response bad = api.post("/api/lines/" + lineId + "/drawdowns", CHANNEL, "{\"amount\":-5,\"termMonths\":48}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("requestId", "amount", "termMonths");
    Response otherBranch = api.get("/api/lines/" + lineId, "zy002-acceptor");
    assertThat(otherBranch.status()).isEqualTo(403);
    assertThat(otherBranch.json().path("detail").asText()).matches("无权查看网点 ZY\\d{3} 的额度 " + lineId
        + " \\(user zy002-acceptor may not read credit line " + lineId + " of branch ZY\\d{3}\\)");
    assertThat(api.get("/api/lines/" + lineId, "zy001-acceptor").status()).isEqualTo(200);
    assertThat(api.post("/api/lines/" + lineId + "/drawdowns", "zy001-acceptor",
        "{\"requestId\":\"x\",\"amount\":1,\"termMonths\":3}").status()).as("only a channel draws").isEqualTo(403);
    Response unknown = api.get("/api/lines/CL-NO-SUCH-LINE", CHANNEL);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText()).isEqualTo("额度 CL-NO-SUCH-LINE 不存在 (credit line CL-NO-SUCH-LINE does not exist)");
    assertThat(drawdownsStored()).isZero();
  }

  @Test
  void aDrawdownOfAFewYuanIsRefusedNamingTheMinimumAndOpensNoLoan() {
    Response fen = draw(requestId(), "0.01", 12);
    Response justBelow = draw(requestId(), "999.99", 12);

    for (Response refused : List.of(fen, justBelow)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      JsonNode error = refused.json().get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo("amount");
      assertThat(error.get("code").asText()).isEqualTo("BELOW_MINIMUM");
      assertThat(error.get("message").asText()).contains("不低于 1000.00 元");
    }
    assertThat(drawdownsStored()).isZero();
    assertThat(line().get("reserved").decimalValue()).isEqualByComparingTo("0.00");
    assertThat(line().get("minimumDrawdown").decimalValue()).as("where the product sets none, the channel reads 1,000")
        .isEqualByComparingTo("1000.00");
    assertThat(draw(requestId(), "1000.00", 12).status()).as("the minimum itself").isEqualTo(201);
  }

  @Test
  void aLineWhoseProductSetsAHigherMinimumRefusesLessNamingItAndTheChannelReadsIt() {
    // A line opened while its product set 5,000 yuan (smeloan.credit-line.products.REVOLVING_LINE.minimum-drawdown): the
    // line keeps its product's terms as it keeps its rate.
    jdbc.sql("UPDATE credit_line SET minimum_drawdown = 5000.00 WHERE line_id = :id").param("id", lineId).update();
    assertThat(line().get("minimumDrawdown").decimalValue()).isEqualByComparingTo("5000.00");

    Response below = draw(requestId(), "4999.99", 12);

    assertThat(below.status()).as(below.body()).isEqualTo(400);
    JsonNode error = below.json().get("errors").get(0);
    assertThat(error.get("code").asText()).isEqualTo("BELOW_MINIMUM");
    assertThat(error.get("message").asText()).contains("不低于 5000.00 元");
    assertThat(draw(requestId(), "1000.00", 12).status()).as("the default does not apply to this line").isEqualTo(400);
    assertThat(drawdownsStored()).isZero();
    assertThat(draw(requestId(), "5000.00", 12).status()).as("the product's minimum itself").isEqualTo(201);
  }

  private String clockToday() {
    return java.time.LocalDate.ofInstant(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(),
        com.smeloanflow.platform.BusinessClock.BANK_ZONE).toString();
  }
}
