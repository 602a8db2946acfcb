package com.smeloanflow.process;

/**
 * Declaration of {@code bpmn/renewal-offer-scan.bpmn}: the daily renewal offer scan (续贷筛查), started by
 * its timer every day at 01:00 China Standard Time. Its instances have no business key (the scan covers
 * the loans maturing 30 to 60 days ahead) and it owns no process variables.
 */
public final class RenewalOfferScanProcess {

  public static final String KEY = "renewal-offer-scan";

  private RenewalOfferScanProcess() {}

  /** Element ids. */
  public static final class Elements {
    /** 续贷筛查时间已到 */
    public static final String START_SCAN_DUE = "StartEvent_RenewalScanDue";
    /** 筛查续贷客户 */
    public static final String TASK_SCAN_RENEWAL_OFFERS = "ServiceTask_ScanRenewalOffers";
    /** 续贷筛查已完成 */
    public static final String END_SCAN_DONE = "EndEvent_RenewalScanDone";

    private Elements() {}
  }

  /** Sequence-flow ids. */
  public static final class Flows {
    public static final String TO_SCAN_RENEWAL_OFFERS = "SequenceFlow_ToScanRenewalOffers";
    public static final String SCAN_DONE = "SequenceFlow_RenewalScanDone";

    private Flows() {}
  }

  /** None: the scan reads the ledger and writes renewal's table. */
  public static final class Variables {
    private Variables() {}
  }
}
