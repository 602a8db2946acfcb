package com.smeloanflow.intake;

import com.smeloanflow.casefile.ApplicantEvents;
import com.smeloanflow.platform.ContentHash;
import com.smeloanflow.platform.IdempotencyConflictException;

import com.smeloanflow.casefile.ApplicationHistory;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.UnprocessableFieldsException;

import com.smeloanflow.platform.FieldViolation;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.*;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.ProcessVariable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes loan applications in: validates, stores and starts {@code loan-origination} with the
 * application id as business key, all in one transaction, so a refused or failed request leaves
 * nothing behind. A channel's retry with the same Idempotency-Key returns the first answer.
 */
@Service
public class IntakeService {

  private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
  /**
   * The request as hashed for its Idempotency-Key. Amounts are written by value, with at least the two decimals the
   * contract asks for ({@link #amountAsHashed}): a retry that writes 800000 for 800000.00 is the same request, and a
   * request's hash is what it was before amounts were hashed by value whenever its amounts had two decimals.
   */
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule().addSerializer(BigDecimal.class, new StdSerializer<>(BigDecimal.class) {
        @Override
        public void serialize(BigDecimal amount, JsonGenerator generator, SerializerProvider provider) throws IOException {
          generator.writeNumber(amountAsHashed(amount));
        }
      }))
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  /**
   * The request as hashed before amounts were hashed by value (760e9a8): amounts as the channel wrote them (800000 and
   * 800000.00 apart). Only for rows stored before V150 ({@link IdempotencyRepository.Entry#amountsHashedByValue()}
   * false): a retry, across that deploy, of a request first sent with 800000 is the same request. Goes with V150's
   * column once no retry of such a row can arrive (see V150).
   */
  private static final ObjectMapper AMOUNTS_AS_WRITTEN = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();
  /** How long a retry waits for a concurrent first request with the same key to commit. */
  private static final int CONCURRENT_RETRY_POLLS = 100;
  private static final long CONCURRENT_RETRY_POLL_MILLIS = 100;
  /** Length of {@code idempotency_record.idempotency_key}. */
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  private final LoanApplicationRepository applications;
  private final IdempotencyRepository idempotency;
  private final ApplicationIdGenerator ids;
  private final ApplicationHistory history;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;
  private final BusinessClock clock;
  private final BranchDirectory branches;
  private final CaseFiles caseFiles;
  private final ObjectProvider<NewApplicationListener> newApplicationListeners;

  public IntakeService(LoanApplicationRepository applications, IdempotencyRepository idempotency,
      ApplicationIdGenerator ids, ApplicationHistory history, RuntimeService runtimeService,
      TransactionTemplate transaction, BusinessClock clock, BranchDirectory branches, CaseFiles caseFiles,
      ObjectProvider<NewApplicationListener> newApplicationListeners) {
    this.caseFiles = caseFiles;
    this.newApplicationListeners = newApplicationListeners;
    this.applications = applications;
    this.idempotency = idempotency;
    this.ids = ids;
    this.history = history;
    this.runtimeService = runtimeService;
    this.transaction = transaction;
    this.clock = clock;
    this.branches = branches;
  }

  /** The answer to a submission; {@code replayed} when it repeats the answer to an earlier request. */
  public record Submission(String applicationId, ApplicationStatus status, boolean replayed) {}

  /**
   * Submits an application from a channel and starts its process.
   *
   * @param idempotencyKey the channel's Idempotency-Key (at most 128 characters), or null
   * @throws InvalidFieldsException naming every bad field (the key too); nothing is stored
   * @throws IdempotencyConflictException when the key was used before for a different request
   */
  public Submission submit(ApplicationRequest request, String caller, String idempotencyKey) {
    boolean keyTooLong = idempotencyKey != null && idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH;
    String requestHash = hash(request);
    // A retry is answered as the first request was, before the request is checked again: rules that depend on the
    // day or on the branch (deactivated meanwhile) must not turn a retry of an accepted application into a refusal.
    if (idempotencyKey != null && !keyTooLong) {
      Optional<Submission> earlier = replay(caller, idempotencyKey, request, requestHash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    List<FieldViolation> violations = violations(request);
    if (keyTooLong) {
      violations.add(new FieldViolation("Idempotency-Key", "TOO_LONG",
          "幂等键不能超过 " + MAX_IDEMPOTENCY_KEY_LENGTH + " 个字符"));
    }
    if (!violations.isEmpty()) {
      throw refusal(violations);
    }
    try {
      return transaction.execute(status -> {
        LoanApplication application = register(request, caller);
        if (idempotencyKey != null) {
          idempotency.insert(caller, idempotencyKey, requestHash, application.id(), clock.now());
        }
        startProcess(application);
        return new Submission(application.id(), ApplicationStatus.SUBMITTED, false);
      });
    } catch (DataAccessException e) {
      if (idempotencyKey == null) {
        throw e;
      }
      // A concurrent request with the same key is committing, or has: answer as it did.
      return awaitConcurrentFirstAnswer(caller, idempotencyKey, request, requestHash).orElseThrow(() -> e);
    }
  }

  /**
   * Validates and stores an application with its guarantors and opens its case file, without starting a
   * process (the counter start form starts it); the later stages that follow enterprises learn of it
   * ({@link NewApplicationListener}).
   */
  public LoanApplication register(ApplicationRequest request, String caller) {
    requireValid(request);
    LoanApplication application = toApplication(ids.next(), request, caller);
    applications.insert(application);
    applications.insertGuarantors(application.id(), guarantors(request));
    caseFiles.open(application.id());
    history.record(application.id(), caller, ApplicantEvents.SUBMITTED,
        application.channel().label() + " / " + application.product().label() + " / " + application.requestedAmount().setScale(2, RoundingMode.HALF_UP).toPlainString() + " 元");
    newApplicationListeners.orderedStream().forEach(listener -> listener.registered(application));
    return application;
  }

  /**
   * The variables the process starts with: what its gateways and candidate groups need. The
   * application id is the business key, not a variable.
   */
  public static Map<String, Object> processVariables(LoanApplication application) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(BRANCH_CODE.name(), application.branchCode());
    variables.put(BRANCH_ACCEPTANCE_REQUIRED.name(), application.needsBranchAcceptance());
    variables.put(MORTGAGE_LOAN.name(), application.guaranteeType() == GuaranteeType.MORTGAGE);
    variables.put(CREDIT_LINE.name(), application.product() == Product.REVOLVING_LINE);
    return variables;
  }

  private void startProcess(LoanApplication application) {
    ProcessVariable.trusted(() -> runtimeService.createProcessInstanceByKey(LoanOriginationProcess.KEY)
        .businessKey(application.id())
        .setVariables(processVariables(application))
        .execute());
    log.info("Application {}: loan-origination started ({} at {})", application.id(), application.channel(), application.branchCode());
  }

  /** Every bad field of the request, an unknown branch included; empty when it may be submitted. */
  public List<FieldViolation> violations(ApplicationRequest request) {
    List<FieldViolation> violations = new ArrayList<>(ApplicationValidator.validate(request, clock.today()));
    if (request != null && request.branchCode() != null && violations.stream().noneMatch(v -> v.field().equals("branchCode"))
        && !branches.takesApplications(request.branchCode())) {
      violations.add(new FieldViolation("branchCode", "UNKNOWN_BRANCH", "网点 " + request.branchCode() + " 不存在或已停用"));
    }
    return violations;
  }

  private void requireValid(ApplicationRequest request) {
    List<FieldViolation> violations = violations(request);
    if (!violations.isEmpty()) {
      throw refusal(violations);
    }
  }

  /**
   * 400 naming every bad field; 422 ({@link UnprocessableFieldsException}) when the application is well-formed and only
   * a rule of the bank's refuses it ({@link ApplicationValidator#isRefusal}). Either way nothing is stored.
   */
  private static InvalidFieldsException refusal(List<FieldViolation> violations) {
    return violations.stream().allMatch(ApplicationValidator::isRefusal)
        ? new UnprocessableFieldsException(violations) : new InvalidFieldsException(violations);
  }

  private Optional<Submission> replay(String caller, String key, ApplicationRequest request, String requestHash) {
    return idempotency.find(caller, key).map(entry -> {
      if (!entry.requestHash().equals(requestHash)) {
        if (entry.amountsHashedByValue() || !entry.requestHash().equals(hashOfAmountsAsWritten(request))) {
          throw new IdempotencyConflictException(key);
        }
        log.info("Application {}: retry with Idempotency-Key {} matched the hash stored before amounts were hashed by value",
            entry.applicationId(), key);
      }
      log.info("Application {}: retry with Idempotency-Key {} answered as before", entry.applicationId(), key);
      return new Submission(entry.applicationId(), ApplicationStatus.SUBMITTED, true);
    });
  }

  private Optional<Submission> awaitConcurrentFirstAnswer(String caller, String key, ApplicationRequest request,
      String requestHash) {
    for (int poll = 0; poll < CONCURRENT_RETRY_POLLS; poll++) {
      Optional<Submission> earlier = replay(caller, key, request, requestHash);
      if (earlier.isPresent()) {
        return earlier;
      }
      try {
        Thread.sleep(CONCURRENT_RETRY_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private LoanApplication toApplication(String id, ApplicationRequest r, String caller) {
    var collateral = r.collateral();
    boolean mortgage = GuaranteeType.valueOf(r.guaranteeType()) == GuaranteeType.MORTGAGE;
    return new LoanApplication(id, Channel.valueOf(r.channel()), r.branchCode(), Product.valueOf(r.product()),
        r.enterprise().name().trim(), r.enterprise().creditCode(), r.enterprise().industryCode(),
        r.enterprise().establishedOn(), r.enterprise().annualRevenue(),
        r.legalRepresentative().name().trim(), r.legalRepresentative().idNumber(),
        r.legalRepresentative().mobile(), r.legalRepresentative().email(),
        r.requestedAmount(), r.termMonths(), r.purpose().trim(), GuaranteeType.valueOf(r.guaranteeType()),
        mortgage ? CollateralType.valueOf(collateral.type()) : null,
        mortgage ? collateral.description() : null,
        mortgage ? collateral.appraisedValue() : null,
        List.of(), caller, clock.now());
  }

  private static List<Guarantor> guarantors(ApplicationRequest request) {
    List<Guarantor> guarantors = new ArrayList<>();
    if (request.guarantors() != null) {
      for (ApplicationRequest.GuarantorRequest g : request.guarantors()) {
        guarantors.add(new Guarantor(guarantors.size() + 1, Guarantor.PartyType.valueOf(g.type()), g.name().trim(),
            g.idNumber(), GuarantorRelation.valueOf(g.relation()), g.mobile() == null || g.mobile().isBlank() ? null : g.mobile()));
      }
    }
    return guarantors;
  }

  /** 800000, 800000.0, 800000.00 and 800000.000 alike as 800000.00; 0.125 as 0.125. */
  static BigDecimal amountAsHashed(BigDecimal amount) {
    BigDecimal value = amount.stripTrailingZeros();
    return value.scale() < 2 ? value.setScale(2) : value;
  }

  static String hash(ApplicationRequest request) {
    return hash(CANONICAL, request);
  }

  /** The hash a key's row stored before amounts were hashed by value ({@link #AMOUNTS_AS_WRITTEN}). */
  static String hashOfAmountsAsWritten(ApplicationRequest request) {
    return hash(AMOUNTS_AS_WRITTEN, request);
  }

  private static String hash(ObjectMapper canonical, ApplicationRequest request) {
    try {
      return ContentHash.sha256Hex(canonical.writeValueAsString(request));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot hash application request", e);
    }
  }
}
