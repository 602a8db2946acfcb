package com.smeloanflow.scoring;

import static com.smeloanflow.scoring.Dimension.BEHAVIOUR;
import static com.smeloanflow.scoring.Dimension.CREDIT;
import static com.smeloanflow.scoring.Dimension.OPERATING;
import static com.smeloanflow.scoring.Dimension.SCENARIO;

/**
 * Every reason code the four-dimension model can give, with its dimension, the points it is worth
 * and a short Chinese title. This enum is the model's points table: each dimension is made of
 * blocks, and one code of each block applies to an application. Exceptions: a block noted "left
 * out" is skipped when its data is missing; the court block lists both DISHONEST_DEBTOR and
 * COURT_ENFORCEMENT_OPEN when both apply; the licence codes appear only for a licence that is not
 * active. The thresholds are in {@link FourDimensionScorer}.
 *
 * <p>Missing data ({@code *_DATA_MISSING}) scores 0 in its block and raises the soft red flag
 * {@code DATA_GAP}: the model never assumes the best about data it did not get.
 */
public enum ReasonCode {

  // ---- Operating (300) ----
  // Block "flow stability" (max 80): coefficient of variation of the 12 monthly inflows.
  FLOW_STABLE_12M(OPERATING, 80, "经营流水稳定"),
  FLOW_FLUCTUATING(OPERATING, 50, "经营流水有一定波动"),
  FLOW_VOLATILE(OPERATING, 15, "经营流水波动大"),
  FLOW_NO_INFLOWS(OPERATING, 0, "近12个月无经营流入"),
  FLOW_DATA_MISSING(OPERATING, 0, "缺少近12个月流水"),
  // Block "flow trend" (max 40): last 6 months against the 6 before; left out without flows.
  FLOW_GROWING(OPERATING, 40, "经营流水增长"),
  FLOW_FLAT(OPERATING, 25, "经营流水基本持平"),
  FLOW_DECLINING(OPERATING, 0, "经营流水下降"),
  // Block "sales cover" (max 100): annual sales divided by the requested amount.
  SALES_COVER_AMOUNT_HIGH(OPERATING, 100, "年销售收入充分覆盖申请金额"),
  SALES_COVER_AMOUNT_MEDIUM(OPERATING, 65, "年销售收入较好覆盖申请金额"),
  SALES_COVER_AMOUNT_LOW(OPERATING, 30, "年销售收入对申请金额覆盖偏低"),
  SALES_BELOW_AMOUNT(OPERATING, 0, "年销售收入低于申请金额"),
  // Block "years in business" (max 80).
  YEARS_IN_BUSINESS_8_PLUS(OPERATING, 80, "经营8年及以上"),
  YEARS_IN_BUSINESS_3_TO_8(OPERATING, 55, "经营3至8年"),
  YEARS_IN_BUSINESS_UNDER_3(OPERATING, 20, "经营不足3年"),
  // Licence status: no points, present only when the licence is not active (hard red flag).
  LICENCE_REVOKED(OPERATING, 0, "营业执照已被吊销"),
  LICENCE_DEREGISTERED(OPERATING, 0, "企业已注销"),

  // ---- Credit (350) ----
  // Block "bureau history" (max 110).
  BUREAU_CLEAN(CREDIT, 110, "征信记录良好"),
  BUREAU_MAX_DPD_1_TO_29(CREDIT, 70, "近24个月有30天以内逾期"),
  BUREAU_MAX_DPD_30_PLUS(CREDIT, 25, "近24个月有30天以上逾期"),
  BUREAU_MAX_DPD_90_PLUS(CREDIT, 0, "近24个月有90天以上逾期"),
  BUREAU_CURRENT_OVERDUE(CREDIT, 0, "征信当前逾期"),
  BUREAU_DATA_MISSING(CREDIT, 0, "缺少征信数据"),
  // Block "bureau enquiries" (max 25): left out without bureau data.
  BUREAU_ENQUIRIES_NORMAL(CREDIT, 25, "近3个月征信查询次数正常"),
  BUREAU_ENQUIRIES_ELEVATED(CREDIT, 10, "近3个月征信查询次数偏多"),
  BUREAU_ENQUIRIES_HIGH(CREDIT, 0, "近3个月征信查询次数过多"),
  // Block "number of lenders" (max 15): left out without bureau data.
  BUREAU_FEW_LENDERS(CREDIT, 15, "未结清贷款笔数正常"),
  BUREAU_MULTIPLE_LENDERS(CREDIT, 0, "多头借贷"),
  // Block "tax rating" (max 80): the tax authority's credit rating (纳税信用等级).
  TAX_RATING_A(CREDIT, 80, "纳税信用A级"),
  TAX_RATING_B(CREDIT, 65, "纳税信用B级"),
  TAX_RATING_M(CREDIT, 50, "纳税信用M级(新设立企业)"),
  TAX_RATING_C(CREDIT, 20, "纳税信用C级"),
  TAX_RATING_D(CREDIT, 0, "纳税信用D级"),
  TAX_DATA_MISSING(CREDIT, 0, "缺少税务数据"),
  // Block "tax filings" (max 20): left out without tax data.
  TAX_FILINGS_ON_TIME(CREDIT, 20, "按期申报纳税"),
  TAX_OVERDUE_FILINGS(CREDIT, 0, "存在逾期未申报"),
  // Block "court" (max 60): enforcement cases and the dishonest-debtor list (失信被执行人).
  COURT_CLEAN(CREDIT, 60, "无涉诉执行记录"),
  COURT_ENFORCEMENT_OPEN(CREDIT, 0, "存在未结执行案件"),
  DISHONEST_DEBTOR(CREDIT, 0, "列入失信被执行人名单"),
  COURT_DATA_MISSING(CREDIT, 0, "缺少司法数据"),
  // Block "internal defaults" (max 40): the bank's own default database.
  INTERNAL_NO_DEFAULT(CREDIT, 40, "本行无违约记录"),
  INTERNAL_DEFAULT_HISTORY(CREDIT, 10, "本行有已结清的违约记录"),
  INTERNAL_DEFAULT_OUTSTANDING(CREDIT, 0, "本行有未结清的违约记录"),
  INTERNAL_DATA_MISSING(CREDIT, 0, "缺少本行违约数据"),

  // ---- Behaviour (200) ----
  // Block "net settlement" (max 50): 12-month inflows against outflows.
  SETTLEMENT_NET_POSITIVE(BEHAVIOUR, 50, "结算净流入为正"),
  SETTLEMENT_NET_NEGATIVE(BEHAVIOUR, 0, "结算净流入为负"),
  SETTLEMENT_DATA_MISSING(BEHAVIOUR, 0, "缺少结算流水"),
  // Block "active months" (max 40): months with inflows; left out without flows.
  SETTLEMENT_ACTIVE_12M(BEHAVIOUR, 40, "12个月均有结算"),
  SETTLEMENT_ACTIVE_PARTIAL(BEHAVIOUR, 20, "部分月份无结算"),
  SETTLEMENT_INACTIVE_MONTHS(BEHAVIOUR, 0, "多个月份无结算"),
  // Block "deficit months" (max 30): months whose outflows exceed inflows; left out without flows.
  SETTLEMENT_FEW_DEFICIT_MONTHS(BEHAVIOUR, 30, "极少出现月度净流出"),
  SETTLEMENT_SOME_DEFICIT_MONTHS(BEHAVIOUR, 15, "部分月份净流出"),
  SETTLEMENT_FREQUENT_DEFICIT_MONTHS(BEHAVIOUR, 0, "经常出现月度净流出"),
  // Block "utility punctuality" (max 60).
  UTILITY_NO_LATE_24M(BEHAVIOUR, 60, "水电气费按时缴纳"),
  UTILITY_LATE_PAYMENTS(BEHAVIOUR, 30, "水电气费偶有逾期"),
  UTILITY_LATE_PAYMENTS_FREQUENT(BEHAVIOUR, 0, "水电气费经常逾期"),
  UTILITY_NO_HISTORY(BEHAVIOUR, 0, "无水电气缴费记录"),
  UTILITY_DATA_MISSING(BEHAVIOUR, 0, "缺少水电气缴费数据"),
  // Block "utility history" (max 20): left out without utility data or history.
  UTILITY_HISTORY_LONG(BEHAVIOUR, 20, "缴费记录24个月及以上"),
  UTILITY_HISTORY_MEDIUM(BEHAVIOUR, 10, "缴费记录12至23个月"),
  UTILITY_HISTORY_SHORT(BEHAVIOUR, 0, "缴费记录不足12个月"),

  // ---- Scenario (150) ----
  // Block "industry outlook" (max 80): the bank's industry policy.
  INDUSTRY_GROWING(SCENARIO, 80, "行业景气上升"),
  INDUSTRY_STABLE(SCENARIO, 55, "行业景气平稳"),
  INDUSTRY_DECLINING(SCENARIO, 15, "行业景气下行"),
  INDUSTRY_DATA_MISSING(SCENARIO, 0, "缺少行业景气数据"),
  // Block "supply chain" (max 70): position on a supply chain the bank finances.
  SUPPLY_CHAIN_CORE(SCENARIO, 70, "供应链核心企业"),
  SUPPLY_CHAIN_TIER1(SCENARIO, 55, "供应链一级上下游"),
  SUPPLY_CHAIN_TIER2(SCENARIO, 40, "供应链二级上下游"),
  SUPPLY_CHAIN_NONE(SCENARIO, 20, "未纳入供应链"),
  SUPPLY_CHAIN_DATA_MISSING(SCENARIO, 0, "缺少供应链数据");

  private final Dimension dimension;
  private final int points;
  private final String title;

  ReasonCode(Dimension dimension, int points, String title) {
    this.dimension = dimension;
    this.points = points;
    this.title = title;
  }

  public Dimension dimension() {
    return dimension;
  }

  /** The points this finding gives in its dimension. */
  public int points() {
    return points;
  }

  /** Short Chinese title, e.g. for a legend on a form. */
  public String title() {
    return title;
  }
}
