package com.smeloanflow.casefile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What an applicant may know of the application's history (申请进度), as the channel shows it: each change of the
 * status, labelled as the channel labels the status, and what the applicant did or the bank received from them
 * ({@link Milestone}), in time order. A rejection or withdrawal carries the reviewed {@link CustomerReason} text (with
 * the decline's customer-safe detail, e.g. the documents not supplied), as the mail and the application's
 * {@code outcome} do.
 *
 * <p>Nothing else of {@link ApplicationHistory} reaches it: staff's notes, reviews, checks, committee votes and
 * tallies, flags, scores, prices, mails and who worked the application stay in the internal record, and so does any
 * event type not listed here (a new event is internal until it is listed).
 */
@Component
public class ApplicantTimeline {

  /** The events besides the status changes an applicant may know, with what the applicant reads. */
  public enum Milestone {
    SUBMITTED("申请已提交", ApplicantEvents.SUBMITTED),
    ACCEPTED("申请已受理", ApplicantEvents.ACCEPTED),
    DOCUMENTS_RECEIVED("补充资料已收到", ApplicantEvents.DOCUMENTS_RECEIVED, ApplicantEvents.DISBURSEMENT_DOCUMENTS_RECEIVED),
    DOCUMENTS_PARTLY_RECEIVED("部分补充资料已收到, 其余资料仍待补充", ApplicantEvents.DOCUMENTS_PARTLY_RECEIVED,
        ApplicantEvents.DISBURSEMENT_DOCUMENTS_PARTLY_RECEIVED),
    CONTRACT_SIGNED("借款合同已签署", ApplicantEvents.CONTRACT_SIGNED),
    GUARANTEE_SIGNED("保证合同已签署", ApplicantEvents.GUARANTEE_SIGNED),
    MORTGAGE_REGISTERED("抵押登记已办理", ApplicantEvents.MORTGAGE_REGISTERED);

    private final String label;
    private final List<String> eventTypes;

    Milestone(String label, String... eventTypes) {
      this.label = label;
      this.eventTypes = List.of(eventTypes);
    }

    /** What the applicant reads. */
    public String label() {
      return label;
    }

    /** The history event types ({@link ApplicantEvents}) this milestone is to the applicant. */
    List<String> eventTypes() {
      return eventTypes;
    }

    private static final Map<String, Milestone> BY_EVENT_TYPE = Arrays.stream(values())
        .flatMap(milestone -> milestone.eventTypes.stream().map(type -> Map.entry(type, milestone)))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** The milestone a history event of this type is to the applicant; empty for an internal event. */
    static Optional<Milestone> of(String eventType) {
      return Optional.ofNullable(BY_EVENT_TYPE.get(eventType));
    }
  }

  /**
   * One entry of the applicant's history.
   *
   * @param what {@code STATUS_} and the status for a status change, else the {@link Milestone}'s name
   * @param label what the applicant reads (the status's label, or the milestone's)
   * @param detail the customer reason's text of a rejection or withdrawal; null otherwise
   */
  public record Entry(Instant at, String what, String label, String detail) {}

  private final ApplicationHistory history;
  private final DeclineService declines;

  public ApplicantTimeline(ApplicationHistory history, DeclineService declines) {
    this.history = history;
    this.declines = declines;
  }

  /**
   * The application's history as its applicant may know it.
   *
   * @param statusLabel what the channel calls a status for this application (as {@code GET /api/applications/{id}}'s
   *     {@code statusLabel} does)
   */
  public List<Entry> of(String applicationId, Function<ApplicationStatus, String> statusLabel) {
    List<Entry> entries = new ArrayList<>();
    for (ApplicationHistory.Event event : history.of(applicationId)) {
      String type = event.eventType();
      if (type.startsWith(CaseFiles.STATUS_EVENT)) {
        statusOf(type).ifPresent(status -> entries.add(new Entry(event.occurredAt(), type, statusLabel.apply(status),
            status.isDeclined() ? toldWhy(applicationId) : null)));
      } else {
        Milestone.of(type).ifPresent(milestone -> entries.add(new Entry(event.occurredAt(), milestone.name(), milestone.label(), null)));
      }
    }
    return List.copyOf(entries);
  }

  /** What the applicant was told of why the application ended without a loan: the catalogue text, as mailed. */
  private String toldWhy(String applicationId) {
    return declines.find(applicationId)
        .map(decline -> decline.customerReason().text()
            + (decline.customerDetail() == null || decline.customerDetail().isBlank() ? "" : " " + decline.customerDetail()))
        .orElse(null);
  }

  private static Optional<ApplicationStatus> statusOf(String eventType) {
    try {
      return Optional.of(ApplicationStatus.valueOf(eventType.substring(CaseFiles.STATUS_EVENT.length())));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
