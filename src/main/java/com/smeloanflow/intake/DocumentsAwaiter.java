package com.smeloanflow.intake;

import java.util.List;
import java.util.Optional;

/**
 * A later stage that may also wait for documents from the applicant (disbursement asks for
 * supplements before paying out). The channel reports every upload to
 * {@code POST /api/applications/{id}/documents}; intake hands it to the stage that is waiting, and
 * {@code GET /api/applications/{id}} lists what the stage waits for in {@code missingDocuments}.
 */
public interface DocumentsAwaiter {

  /**
   * What a waiting stage made of an upload (document types): those it recorded, and those it still awaits after it.
   * Nothing recorded: the upload named none of the documents the stage still awaited, and the stage changed nothing.
   */
  record Taken(List<String> recorded, List<String> stillAwaited) {}

  /** Whether {@code documentType} is a document this stage may ask for. */
  boolean knows(String documentType);

  /** The applicant's word for a document type this stage {@linkplain #knows knows}, as it is mailed. */
  String label(String documentType);

  /**
   * Takes the upload if this stage is waiting for documents of the application: it records those of them it still
   * awaits and moves on only once everything it asked for is there; until then it keeps waiting (and its deadline
   * runs on). An upload naming none of the documents it still awaits (not asked for, or already received) changes
   * nothing: it answers with nothing recorded, and intake refuses the upload.
   *
   * @param documents the uploaded document types
   * @param via how they came ({@code 渠道上传}); the history names the documents recorded after it
   *     ({@link #uploadDetail})
   * @return nothing when this stage is not waiting; intake's own acceptance then takes it
   */
  Optional<Taken> documentsUploaded(String applicationId, List<String> documents, String reportedBy, String via);

  /**
   * The history's detail of an upload that recorded something: how it came and the documents recorded, then those of
   * it not recorded because they were not awaited (not asked for, or already received), so staff do not read them as
   * received: {@code 渠道上传: BANK_STATEMENTS; 未要求补充或已收到, 未予记录: BUSINESS_LICENCE}.
   */
  static String uploadDetail(String via, List<String> recorded, List<String> uploaded) {
    List<String> notAwaited = notRecorded(recorded, uploaded);
    return via + ": " + String.join(", ", recorded)
        + (notAwaited.isEmpty() ? "" : "; 未要求补充或已收到, 未予记录: " + String.join(", ", notAwaited));
  }

  /** The uploaded document types a stage did not record (not awaited: not asked for, or already received), each once. */
  static List<String> notRecorded(List<String> recorded, List<String> uploaded) {
    return uploaded.stream().distinct().filter(document -> !recorded.contains(document)).toList();
  }

  /**
   * What this stage waits for from the applicant, in the words the applicant is mailed (labels); empty when it
   * is not waiting for documents of the application (never asked, or supplied). Documents already uploaded are not
   * listed.
   */
  List<String> awaitedDocuments(String applicationId);
}
