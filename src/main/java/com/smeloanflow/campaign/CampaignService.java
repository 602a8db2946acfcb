package com.smeloanflow.campaign;

import com.smeloanflow.identity.AdministrativeDivisions;
import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.intake.ApplicationRequest;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.NotFoundException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.platform.calendar.BankCalendar;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.process.WhitelistProspectProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whitelist campaigns (DESIGN.md §3.4): imports a whitelist, line by line checked and reported, the
 * accepted lines becoming prospects of the customer managers of the branch whose grid covers each
 * enterprise; records the managers' contacts, an interested prospect becoming a loan application.
 * An import is all or nothing: the campaign, its report, the prospects and their processes are stored in
 * one transaction, so a failure leaves nothing behind. Imports run one at a time (a dry run stores nothing and does
 * not wait), so an enterprise in two whitelists imported at once becomes one prospect.
 */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  /** The latest follow-up date a manager may set. */
  static final int MAX_FOLLOW_UP_DAYS = 180;
  /** The time of day a prospect comes back on its follow-up date. */
  static final LocalTime FOLLOW_UP_TIME = LocalTime.of(9, 0);
  static final int MAX_NOTES = 1000;

  private final CampaignRepository repository;
  private final CampaignIds ids;
  private final EnterpriseRelations relations;
  private final ProspectAssignment assignment;
  private final BranchDirectory branches;
  private final IntakeService intake;
  private final LoanApplicationRepository applications;
  private final RuntimeService runtimeService;
  private final BankCalendar calendar;
  private final BusinessClock clock;

  public CampaignService(CampaignRepository repository, CampaignIds ids, EnterpriseRelations relations,
      ProspectAssignment assignment, BranchDirectory branches, IntakeService intake, LoanApplicationRepository applications,
      RuntimeService runtimeService, BankCalendar calendar, BusinessClock clock) {
    this.repository = repository;
    this.ids = ids;
    this.relations = relations;
    this.assignment = assignment;
    this.branches = branches;
    this.intake = intake;
    this.applications = applications;
    this.runtimeService = runtimeService;
    this.calendar = calendar;
    this.clock = clock;
  }

  // --- import ----------------------------------------------------------------------------------

  /** A line on its way through the checks. */
  private static final class Planned {
    final WhitelistRowCheck.Checked checked;
    final List<FieldViolation> reasons;
    String branchCode;
    String manager;
    String prospectId;

    Planned(WhitelistRowCheck.Checked checked) {
      this.checked = checked;
      this.reasons = new ArrayList<>(checked.reasons());
    }

    boolean accepted() {
      return reasons.isEmpty();
    }

    String creditCode() {
      return checked.row().cell(WhitelistColumn.CREDIT_CODE).map(String::toUpperCase).orElse(null);
    }

    void refuse(String code, String message) {
      reasons.add(WhitelistRowCheck.reason(WhitelistColumn.CREDIT_CODE, code, message));
    }
  }

  /**
   * Imports a whitelist: checks every line, assigns each accepted one, stores the campaign with its
   * report and starts a {@code whitelist-prospect} process per prospect.
   *
   * @throws InvalidFieldsException when the name or the file's structure is wrong (nothing is stored)
   */
  @Transactional
  public CampaignReport importWhitelist(ImportWhitelist command) {
    long started = System.nanoTime();
    String name = command.name() == null ? null : command.name().trim();
    List<FieldViolation> bad = new ArrayList<>();
    if (name == null || name.isEmpty()) {
      bad.add(new FieldViolation("name", "REQUIRED", "营销活动名称不能为空"));
    } else {
      InputHygiene.singleLine("name", name, 100).ifPresent(bad::add);
    }
    if (!bad.isEmpty()) {
      throw new InvalidFieldsException(bad, "营销活动名称有误: " + bad.get(0).message());
    }
    WhitelistFile file = WhitelistFile.parse(command.csv(), command.field());
    if (!command.dryRun()) {
      // one import at a time: a second import of the same enterprise (the file posted again while this one runs) waits
      // and finds this one's prospects, instead of making a second prospect another manager calls too
      repository.lockImports();
    }
    LocalDate today = clock.today();
    List<Planned> lines = file.rows().stream()
        .map(row -> new Planned(WhitelistRowCheck.check(row, file.columns().size(), today))).toList();
    refuseDuplicatesInFile(lines);
    refuseKnownEnterprises(lines);
    assign(lines);

    Instant now = clock.now();
    int accepted = (int) lines.stream().filter(Planned::accepted).count();
    String campaignId = command.dryRun() ? null : ids.nextCampaign();
    if (!command.dryRun()) {
      repository.insertCampaign(campaignId, name, command.importedBy(), now, lines.size(), accepted, lines.size() - accepted);
      for (Planned line : lines) {
        if (line.accepted()) {
          line.prospectId = ids.nextProspect();
          Prospect prospect = new Prospect(line.prospectId, campaignId, line.checked.row().line(), line.checked.data(),
              AdministrativeDivisions.ofCreditCode(line.checked.data().creditCode()), line.branchCode, line.manager,
              Prospect.Status.OPEN, 0, null, null, null, now, null, null, null);
          repository.insertProspect(prospect);
          startProspect(prospect);
        }
        repository.insertRow(new CampaignRepository.CampaignRow(campaignId, line.checked.row().line(), line.creditCode(),
            line.checked.row().cell(WhitelistColumn.ENTERPRISE_NAME).orElse(null), line.reasons, line.prospectId));
      }
    }
    log.info("Campaign {} \"{}\" {} by {}: {} lines, {} accepted, {} refused ({} ms)", campaignId == null ? "(dry run)" : campaignId,
        name, command.dryRun() ? "checked" : "imported", command.importedBy(), lines.size(), accepted, lines.size() - accepted,
        (System.nanoTime() - started) / 1_000_000);
    return new CampaignReport(new CampaignReport.Summary(campaignId, name, command.importedBy(), now, lines.size(), accepted,
        lines.size() - accepted), lines.stream().map(CampaignService::reportLine).toList());
  }

  private static void refuseDuplicatesInFile(List<Planned> lines) {
    Map<String, Integer> first = new HashMap<>();
    for (Planned line : lines) {
      String code = line.creditCode();
      if (code == null) {
        continue;
      }
      Integer earlier = first.putIfAbsent(code, line.checked.row().line());
      if (earlier != null) {
        line.refuse("DUPLICATE_IN_FILE", "与第 " + earlier + " 行的企业重复");
      }
    }
  }

  /** Enterprises the bank already works with: an open prospect, an open application, a loan. */
  private void refuseKnownEnterprises(List<Planned> lines) {
    Map<String, Prospect> openProspects = repository.openProspectsByCreditCode(
        lines.stream().filter(Planned::accepted).map(Planned::creditCode).toList());
    for (Planned line : lines) {
      if (!line.accepted()) {
        continue;
      }
      Prospect open = openProspects.get(line.creditCode());
      if (open != null) {
        line.refuse("ALREADY_PROSPECT", "该企业已在营销活动 " + open.campaignId() + " 中由 " + open.customerManager() + " 跟进 ("
            + open.id() + ")");
        continue;
      }
      relations.relation(line.creditCode()).ifPresent(relation -> line.refuse(relation.code(), relation.message()));
    }
  }

  /** Each accepted line to a manager of the branch whose grid covers the enterprise's division. */
  private void assign(List<Planned> lines) {
    Map<String, Optional<BranchDirectory.Branch>> covering = new HashMap<>();
    Map<String, ProspectAssignment.Branch> managers = new HashMap<>();
    for (Planned line : lines) {
      if (!line.accepted()) {
        continue;
      }
      String division = AdministrativeDivisions.ofCreditCode(line.creditCode());
      Optional<BranchDirectory.Branch> branch = covering.computeIfAbsent(division, branches::covering);
      if (branch.isEmpty()) {
        line.refuse("NO_BRANCH", "没有网点的网格覆盖该企业的登记地 (行政区划 " + division + ")");
      } else if (!branches.takesApplications(branch.get().code())) {
        line.refuse("BRANCH_INACTIVE", "覆盖该企业登记地的网点 " + branch.get().code() + " 已停用");
      } else {
        Optional<String> manager = managers.computeIfAbsent(branch.get().code(), assignment::of).next();
        if (manager.isEmpty()) {
          line.refuse("NO_CUSTOMER_MANAGER", "网点 " + branch.get().code() + " " + branch.get().name() + " 没有客户经理");
        } else {
          line.branchCode = branch.get().code();
          line.manager = manager.get();
        }
      }
    }
  }

  private void startProspect(Prospect prospect) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(WhitelistProspectProcess.Variables.BRANCH_CODE.name(), prospect.branchCode());
    variables.put(WhitelistProspectProcess.Variables.CUSTOMER_MANAGER.name(), prospect.customerManager());
    ProcessVariable.trusted(() -> runtimeService.createProcessInstanceByKey(WhitelistProspectProcess.KEY)
        .businessKey(prospect.id()).setVariables(variables).execute());
  }

  private static CampaignReport.Line reportLine(Planned line) {
    return new CampaignReport.Line(line.checked.row().line(), line.creditCode(),
        line.checked.row().cell(WhitelistColumn.ENTERPRISE_NAME).orElse(null), line.accepted() ? "ACCEPTED" : "REFUSED",
        List.copyOf(line.reasons), line.prospectId, line.branchCode, line.manager);
  }

  // --- reading ------------------------------------------------------------------------------------

  /** @throws NotFoundException when there is no such campaign */
  public CampaignReport report(String campaignId) {
    CampaignReport.Summary summary = repository.findCampaign(campaignId)
        .orElseThrow(() -> new NotFoundException("营销活动不存在", "营销活动 " + campaignId + " 不存在", "campaign " + campaignId + " does not exist"));
    Map<String, Prospect> prospects = new HashMap<>();
    List<CampaignRepository.CampaignRow> rows = repository.rowsOf(campaignId);
    rows.stream().filter(row -> row.prospectId() != null)
        .forEach(row -> repository.findProspect(row.prospectId()).ifPresent(p -> prospects.put(p.id(), p)));
    return new CampaignReport(summary, rows.stream().map(row -> {
      Prospect p = row.prospectId() == null ? null : prospects.get(row.prospectId());
      return new CampaignReport.Line(row.line(), row.creditCode(), row.enterpriseName(),
          row.reasons().isEmpty() ? "ACCEPTED" : "REFUSED", row.reasons(), row.prospectId(),
          p == null ? null : p.branchCode(), p == null ? null : p.customerManager());
    }).toList());
  }

  /** The latest campaigns first. */
  public List<CampaignReport.Summary> campaigns(int limit) {
    return repository.campaigns(limit);
  }

  /** @throws NotFoundException when there is no such prospect */
  public Prospect prospect(String prospectId) {
    return repository.findProspect(prospectId)
        .orElseThrow(() -> new NotFoundException("白名单客户不存在", "白名单客户 " + prospectId + " 不存在", "prospect " + prospectId + " does not exist"));
  }

  /** The customer manager whose whitelist prospect became this application (accountability's 专项考核). */
  public Optional<String> customerManagerOfApplication(String applicationId) {
    return repository.findProspectOfApplication(applicationId).map(Prospect::customerManager);
  }

  /** The contacts recorded for a prospect, in order. */
  public List<CampaignRepository.Contact> contactsOf(String prospectId) {
    return repository.contactsOf(prospectId);
  }

  // --- working a prospect ---------------------------------------------------------------------------

  /**
   * What a recorded contact means for the process: the outcome, when the prospect comes back, the application; or,
   * {@code enterpriseConverted}, that the enterprise had meanwhile applied or become a customer unheard by the
   * prospect, which is then closed as converted (no application submitted, no follow-up).
   */
  public record ContactRecorded(ContactOutcome outcome, Instant followUpAt, String applicationId, boolean enterpriseConverted) {}

  /**
   * Records a contact. NOT_NOW and NOT_REACHABLE need a follow-up date (after today, within 180 days): the
   * prospect comes back at 09:00 that day, or the next working day when it is none. INTERESTED submits the
   * loan application (channel WHITELIST, the prospect's branch) through intake. When the enterprise has meanwhile
   * applied through another channel or become a customer (its application's message to the prospect was lost, or
   * committed while the manager was recording this contact), the contact is recorded as the manager said, nothing is
   * submitted and nobody comes back: the process closes the prospect as converted ({@link #closeAsConverted}), as the
   * check before each contact task does. The prospect's row is locked, so an application being registered for the
   * enterprise at this moment is waited for ({@link EnterpriseAppliedNotice}).
   *
   * @throws InvalidFieldsException naming each bad field (an application's too); nothing is recorded
   * @throws StateConflictException when the prospect is no longer open
   */
  @Transactional
  public ContactRecorded recordContact(RecordContact command) {
    Prospect prospect = repository.lockProspect(command.prospectId()).orElseGet(() -> prospect(command.prospectId()));
    if (prospect.status() != Prospect.Status.OPEN) {
      throw new StateConflictException(StaffText.of("白名单客户 " + prospect.id() + " 当前状态为“" + prospect.status().label()
          + "”, 不能再登记联系结果", "prospect " + prospect.id() + " is " + prospect.status() + ": no further contact is recorded"));
    }
    List<FieldViolation> bad = new ArrayList<>();
    if (command.outcome() == null) {
      bad.add(new FieldViolation("outcome", "REQUIRED", "请选择联系结果"));
    }
    if (command.notes() != null && command.notes().length() > MAX_NOTES) {
      bad.add(new FieldViolation("notes", "TOO_LONG", "联系情况不能超过 " + MAX_NOTES + " 个字符"));
    } else {
      InputHygiene.multiLine("notes", command.notes()).ifPresent(bad::add);
    }
    LocalDate today = clock.today();
    LocalDate followUpOn = null;
    if (command.outcome() != null && command.outcome().comesBack()) {
      followUpOn = command.followUpOn();
      if (followUpOn == null) {
        bad.add(new FieldViolation("followUpOn", "REQUIRED", command.outcome().label() + "时须填写回访日期"));
      } else if (!followUpOn.isAfter(today) || followUpOn.isAfter(today.plusDays(MAX_FOLLOW_UP_DAYS))) {
        bad.add(new FieldViolation("followUpOn", "OUT_OF_RANGE", "回访日期应在明天至 " + MAX_FOLLOW_UP_DAYS + " 天内"));
      }
    }
    if (command.outcome() == ContactOutcome.INTERESTED && command.application() == null) {
      bad.add(new FieldViolation("application", "REQUIRED", "有意向时须补全贷款申请信息"));
    }
    if (!bad.isEmpty()) {
      throw new InvalidFieldsException(bad, "联系结果有误: " + String.join("; ", bad.stream().map(FieldViolation::message).toList()));
    }
    Optional<EnterpriseRelations.Relation> relation = relations.relation(prospect.data().creditCode());
    if (relation.isPresent()) {
      int seq = repository.recordContact(prospect.id(), command.outcome(), null, blankToNull(command.notes()),
          command.contactedBy(), clock.now(), Prospect.Status.OPEN, null);
      log.info("Prospect {}: contact {} by {}: {}, but the enterprise is known ({}, application {}): nothing submitted, "
          + "closed as converted", prospect.id(), seq, command.contactedBy(), command.outcome(), relation.get().code(),
          relation.get().applicationId());
      return new ContactRecorded(command.outcome(), null, null, true);
    }
    String applicationId = null;
    if (command.outcome() == ContactOutcome.INTERESTED) {
      applicationId = intake.submit(application(prospect, command.application()), command.contactedBy(), null).applicationId();
    }
    Instant followUpAt = followUpOn == null ? null : comeBackAt(followUpOn);
    Prospect.Status status = switch (command.outcome()) {
      case INTERESTED -> Prospect.Status.APPLIED;
      case NOT_ELIGIBLE -> Prospect.Status.NOT_ELIGIBLE;
      default -> Prospect.Status.OPEN;
    };
    int seq = repository.recordContact(prospect.id(), command.outcome(), followUpOn, blankToNull(command.notes()),
        command.contactedBy(), clock.now(), status, applicationId);
    log.info("Prospect {}: contact {} by {}: {}{}{}", prospect.id(), seq, command.contactedBy(), command.outcome(),
        followUpOn == null ? "" : ", back on " + followUpOn, applicationId == null ? "" : ", application " + applicationId);
    return new ContactRecorded(command.outcome(), followUpAt, applicationId, false);
  }

  /**
   * The prospect's loan application: the whitelist's data, completed by the manager. Product and amount are
   * the manager's, or the whitelist's suggestion and estimated limit when left empty; so is the legal
   * representative's ID number.
   */
  static ApplicationRequest application(Prospect prospect, ApplicationDetails details) {
    Prospect.Data data = prospect.data();
    String idNumber = details.legalRepIdNumber() != null ? details.legalRepIdNumber() : data.legalRepIdNumber();
    String product = details.product() != null ? details.product() : data.suggestedProduct().name();
    java.math.BigDecimal amount = details.requestedAmount() != null ? details.requestedAmount() : data.estimatedLimit();
    return new ApplicationRequest(Channel.WHITELIST.name(), prospect.branchCode(), product,
        new ApplicationRequest.Enterprise(data.enterpriseName(), data.creditCode(), details.industryCode(), details.establishedOn(),
            details.annualRevenue()),
        new ApplicationRequest.LegalRepresentative(data.legalRepName(), idNumber, data.mobile(), details.legalRepEmail()),
        amount, details.termMonths(), details.purpose(), details.guaranteeType(), details.collateral(),
        details.guarantors());
  }

  /** 09:00 on the follow-up date, or on the next working day of the bank calendar when it is none. */
  Instant comeBackAt(LocalDate followUpOn) {
    LocalDate day = calendar.isWorkingDay(followUpOn) ? followUpOn : calendar.addWorkingDays(followUpOn, 1);
    return day.atTime(FOLLOW_UP_TIME).atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  // --- converted without the campaign's contact ----------------------------------------------------

  /**
   * The check before every contact task: whether the prospect's enterprise has meanwhile applied (an application not
   * yet disbursed, rejected or withdrawn, any channel) or become a customer (a loan paid out, a line opened), as the
   * import refuses it. Reads only.
   */
  public boolean enterpriseConverted(String prospectId) {
    return relations.relation(prospect(prospectId).data().creditCode()).isPresent();
  }

  /**
   * Ends the open prospect as CONVERTED because its enterprise applied or is a customer (the check found it): no
   * contact task is offered again; the funnel counts it as applied elsewhere or existing customer.
   *
   * @return whether it ended now (false: it was no longer open)
   * @throws IllegalStateException when the enterprise has neither an application nor a loan after all
   */
  @Transactional
  public boolean closeAsConverted(String prospectId) {
    Prospect prospect = prospect(prospectId);
    EnterpriseRelations.Relation relation = relations.relation(prospect.data().creditCode())
        .orElseThrow(() -> new IllegalStateException("prospect " + prospectId + ": the enterprise has no application and no loan"));
    return close(prospect, relation.conversion(), relation.applicationId(),
        relation.message() + "; 营销按“" + relation.conversion().label() + "”结束, 不再派发联系任务");
  }

  /**
   * Ends the open prospect as CONVERTED (APPLIED_ELSEWHERE) because its enterprise submitted this application
   * through another channel while the prospect was worked (its open contact task, if any, was withdrawn by the
   * message, a follow-up date ahead cancelled).
   *
   * @return whether it ended now (false: it was no longer open)
   */
  @Transactional
  public boolean closeOnApplication(String prospectId, String applicationId) {
    Prospect prospect = prospect(prospectId);
    String channel = applications.findById(applicationId).map(application -> application.channel().label()).orElse("其他渠道");
    return close(prospect, Prospect.Conversion.APPLIED_ELSEWHERE, applicationId,
        "企业已通过" + channel + "提交贷款申请 " + applicationId + "; 营销按“" + Prospect.Conversion.APPLIED_ELSEWHERE.label()
            + "”结束, 不再派发联系任务");
  }

  private boolean close(Prospect prospect, Prospect.Conversion conversion, String applicationId, String reason) {
    if (prospect.status() != Prospect.Status.OPEN) {
      log.info("Prospect {} is {}: not closed as converted by application {}", prospect.id(), prospect.status(), applicationId);
      return false;
    }
    boolean closed = repository.closeAsConverted(prospect.id(), conversion, applicationId, reason, clock.now());
    if (closed) {
      log.info("Prospect {} of {} closed as converted ({}, application {}): {}", prospect.id(), prospect.customerManager(),
          conversion, applicationId, reason);
    }
    return closed;
  }

  /**
   * A team lead handed the prospect's contact task to another manager of the branch: the prospect is
   * theirs from now on (their workload, the next contact task). Nothing happens when it is theirs already.
   *
   * @return whether the prospect changed hands
   */
  @Transactional
  public boolean handOver(String prospectId, String toManager, String by) {
    Prospect prospect = prospect(prospectId);
    if (toManager == null || toManager.equals(prospect.customerManager()) || prospect.status() != Prospect.Status.OPEN) {
      return false;
    }
    repository.handOver(prospectId, prospect.customerManager(), toManager, by, clock.now());
    log.info("Prospect {} handed from {} to {} by {}", prospectId, prospect.customerManager(), toManager, by);
    return true;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
