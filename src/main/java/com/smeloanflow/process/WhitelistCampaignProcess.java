package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/whitelist-campaign.bpmn} (白名单导入): the Tasklist start form that imports a
 * whitelist, and the importer's review of the import report. Business key = the campaign id.
 */
public final class WhitelistCampaignProcess {

  public static final String KEY = "whitelist-campaign";

  private WhitelistCampaignProcess() {}

  public static final class Elements {
    /** 白名单已提交 (the start form; its listener imports the whitelist) */
    public static final String START_WHITELIST_SUBMITTED = "StartEvent_WhitelistSubmitted";
    /** 核对白名单导入结果 */
    public static final String TASK_REVIEW_IMPORT_REPORT = "UserTask_ReviewImportReport";
    /** 导入结果已核对 */
    public static final String END_REPORT_REVIEWED = "EndEvent_ReportReviewed";

    private Elements() {}
  }

  public static final class Flows {
    public static final String WHITELIST_IMPORTED = "SequenceFlow_WhitelistImported";
    public static final String REPORT_REVIEWED = "SequenceFlow_ReportReviewed";

    private Flows() {}
  }

  /** The campaign id is the business key. */
  public static final class Variables {
    /** Who imported the whitelist: the review task is theirs. */
    public static final ProcessVariable<String> IMPORTED_BY = ProcessVariable.of("importedBy", String.class);

    private Variables() {}
  }
}
