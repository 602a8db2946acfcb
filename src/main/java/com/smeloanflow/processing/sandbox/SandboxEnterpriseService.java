package com.smeloanflow.processing.sandbox;

import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.ExternalSourceUnavailableException;
import com.smeloanflow.processing.InternalDefaultRepository;
import com.smeloanflow.processing.sandbox.SandboxProfile.FailureMode;
import com.smeloanflow.processing.sandbox.SandboxProfile.InternalDefaultEntry;
import com.smeloanflow.processing.sandbox.SandboxProfile.Settings;
import com.smeloanflow.processing.sandbox.SandboxProfileRepository.StoredProfile;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox that stands in for the outside data sources in the demo and in tests (DESIGN.md §6,
 * §7): registers an enterprise's external data, answers the sources' calls from it (or from the
 * default derived from the credit code), and makes calls fail when told to, so that retries,
 * incidents and their manual retry can be shown.
 *
 * <p>Failures are counted in their own transaction: the job whose call failed is rolled back, the
 * count is not, so its retry sees it.
 */
@Service
public class SandboxEnterpriseService {

  private static final Logger log = LoggerFactory.getLogger(SandboxEnterpriseService.class);

  private final SandboxProfileRepository profiles;
  private final InternalDefaultRepository internalDefaults;
  private final BusinessClock clock;
  private final TransactionTemplate ownTransaction;

  public SandboxEnterpriseService(SandboxProfileRepository profiles, InternalDefaultRepository internalDefaults,
      BusinessClock clock, PlatformTransactionManager transactionManager) {
    this.profiles = profiles;
    this.internalDefaults = internalDefaults;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The outcome of a registration: whether the enterprise was new to the sandbox, and what is stored. */
  public record Registration(boolean created, SandboxEnterprise enterprise) {}

  /**
   * Registers (or replaces) the external data of an enterprise. Omitted sections get the derived
   * default; the internal defaults replace those in the bank's default database; failure counts
   * start again from zero.
   *
   * @throws InvalidFieldsException naming every bad field; nothing is stored
   */
  @Transactional
  public Registration register(String creditCode, SandboxProfile profile, String registeredBy) {
    List<FieldViolation> violations = SandboxProfileValidator.validate(creditCode, profile, clock.today());
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "沙箱企业数据有误: "
          + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
    }
    SandboxProfile derived = SandboxDefaults.derive(creditCode);
    SandboxProfile complete = new SandboxProfile(
        profile.registration() != null ? profile.registration() : derived.registration(),
        profile.tax() != null ? profile.tax() : derived.tax(),
        profile.bureau() != null ? profile.bureau() : derived.bureau(),
        profile.court() != null ? profile.court() : derived.court(),
        profile.flows() != null ? profile.flows() : derived.flows(),
        profile.utilities() != null ? profile.utilities() : derived.utilities(),
        profile.scenario() != null ? profile.scenario() : derived.scenario(),
        null,
        profile.sandbox());
    boolean created = profiles.save(creditCode, complete, registeredBy, clock.now());
    List<InternalDefaultEntry> entries = profile.internalDefaults() == null ? List.of() : profile.internalDefaults();
    internalDefaults.replace(creditCode, entries.stream()
        .map(e -> new InternalDefault(e.defaultDate(), e.amount(), InternalDefaultStatus.valueOf(e.status())))
        .toList(), clock.now());
    profiles.resetFailures(creditCode);
    log.info("Sandbox: external data of {} {} by {}", creditCode, created ? "registered" : "replaced", registeredBy);
    return new Registration(created, view(creditCode));
  }

  /**
   * Registers what the courts and the bureau answer about a person (a guarantor), by resident ID
   * number; the other sections keep their derived default.
   *
   * @throws InvalidFieldsException naming a bad ID number or section; nothing is stored
   */
  @Transactional
  public Registration registerPerson(String idNumber, SandboxProfile.Court court, SandboxProfile.Bureau bureau, String registeredBy) {
    List<FieldViolation> violations = SandboxProfileValidator.validatePerson(idNumber, court, bureau);
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "沙箱个人数据有误: "
          + violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
    }
    SandboxProfile derived = SandboxDefaults.derive(idNumber);
    SandboxProfile profile = new SandboxProfile(derived.registration(), derived.tax(), bureau == null ? derived.bureau() : bureau,
        court == null ? new SandboxProfile.Court(0, false) : court, derived.flows(), derived.utilities(), derived.scenario(), null, null);
    boolean created = profiles.save(idNumber, profile, registeredBy, clock.now());
    log.info("Sandbox: court and bureau data of person {} {} by {}", idNumber, created ? "registered" : "replaced", registeredBy);
    return new Registration(created, view(idNumber));
  }

  /** What the sandbox answers for the enterprise: its registered profile or its derived default. */
  public SandboxEnterprise view(String creditCode) {
    Optional<StoredProfile> stored = profiles.find(creditCode);
    SandboxProfile p = stored.map(StoredProfile::profile).orElseGet(() -> SandboxDefaults.derive(creditCode));
    List<InternalDefaultEntry> defaults = internalDefaults.find(creditCode).stream()
        .map(d -> new InternalDefaultEntry(d.defaultDate(), d.amount(), d.status().name()))
        .toList();
    return new SandboxEnterprise(creditCode,
        stored.isPresent() ? SandboxEnterprise.REGISTERED : SandboxEnterprise.DERIVED_DEFAULT,
        stored.map(StoredProfile::registeredBy).orElse(null),
        stored.map(StoredProfile::registeredAt).orElse(null),
        stored.map(StoredProfile::updatedAt).orElse(null),
        p.registration(), p.tax(), p.bureau(), p.court(), p.flows(), p.utilities(), p.scenario(),
        defaults, p.sandbox(), profiles.failedCalls(creditCode));
  }

  /** The profile the sandbox sources answer from: registered, else derived from the credit code. */
  public SandboxProfile profileFor(String creditCode) {
    return profiles.find(creditCode).map(StoredProfile::profile).orElseGet(() -> SandboxDefaults.derive(creditCode));
  }

  /** How many calls of a source the sandbox has made fail for the enterprise since it was registered. */
  public int failedCalls(String creditCode, ExternalSource source) {
    return profiles.failedCalls(creditCode, source.name());
  }

  /**
   * Answers a source's call: fails it when the profile says so, answers "no data" when the profile
   * lists the source under {@code noDataSources}, else maps the profile to the source's record.
   */
  <T> T answer(ExternalSource source, String creditCode, Function<SandboxProfile, T> fromProfile, Supplier<T> noData) {
    SandboxProfile profile = profileFor(creditCode);
    Settings settings = profile.sandbox();
    if (settings != null && lists(settings.failingSources(), source)) {
      failIfDue(source, creditCode, settings);
    }
    if (settings != null && lists(settings.noDataSources(), source)) {
      return noData.get();
    }
    return fromProfile.apply(profile);
  }

  private void failIfDue(ExternalSource source, String creditCode, Settings settings) {
    Integer limit = settings.failuresBeforeSuccess();
    Integer failure = ownTransaction.execute(status -> {
      int failedSoFar = profiles.failedCalls(creditCode, source.name());
      if (limit != null && failedSoFar >= limit) {
        return null;
      }
      profiles.countFailure(creditCode, source.name());
      return failedSoFar + 1;
    });
    if (failure == null) {
      return;
    }
    String which = limit == null ? "failure " + failure + ", lasting" : "failure " + failure + " of " + limit;
    if (settings.failureMode() != null && FailureMode.valueOf(settings.failureMode()) == FailureMode.TIMEOUT) {
      int millis = settings.timeoutMillis() == null ? Settings.DEFAULT_TIMEOUT_MILLIS : settings.timeoutMillis();
      log.info("Sandbox: {} times out for {} after {} ms ({})", source, creditCode, millis, which);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new ExternalSourceUnavailableException(source, creditCode, "sandbox: timed out after " + millis + " ms (" + which + ")");
    }
    log.info("Sandbox: {} unavailable for {} ({})", source, creditCode, which);
    throw new ExternalSourceUnavailableException(source, creditCode, "sandbox: source unavailable (" + which + ")");
  }

  private static boolean lists(List<String> names, ExternalSource source) {
    return names != null && names.contains(source.name());
  }

  /** The enterprise's defaults with this bank, as the bank's default database holds them. */
  List<InternalDefault> internalDefaultsOf(String creditCode) {
    return internalDefaults.find(creditCode);
  }
}
