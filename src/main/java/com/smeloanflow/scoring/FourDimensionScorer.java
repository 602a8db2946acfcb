package com.smeloanflow.scoring;

import static com.smeloanflow.scoring.ReasonCode.*;

import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.IndustryClassification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bank's four-dimension SME score (DESIGN.md §5): operating (max 300), credit (350),
 * behaviour (200) and scenario (150) sub-scores adding up to 0–1000, a grade A–E, a suggested
 * limit, red flags and a reason for every point.
 *
 * <p>Each dimension is made of blocks; each block gives the points of one {@link ReasonCode}
 * (the enum is the points table). The thresholds are the constants below. Pure computation:
 * the same input always gives an equal {@link ScoreCard}, nothing is read from a clock, a database or
 * the network.
 *
 * <p><b>Grade</b>: by {@link Grade#forScore(int)} (A ≥ 800, B ≥ 700, C ≥ 600, D ≥ 500, else E);
 * any hard red flag makes it E.
 *
 * <p><b>Suggested limit</b>: the verified annual business (annual sales from the tax data, else as
 * declared; the lower of that and the 12-month account inflows when flows are there) times the
 * grade's share (A 30%, B 25%, C 20%, D 10%, E 0), capped by guarantee type (CREDIT 1,000,000;
 * JOINT_GUARANTEE 3,000,000; GUARANTEE and MORTGAGE 10,000,000 CNY) and rounded down to whole
 * thousands. It does not depend on the requested amount: the approval takes the lower of the two.
 */
public final class FourDimensionScorer {

  public static final String MODEL_VERSION = "4D-1.0";

  /** Coefficient of variation of monthly inflows up to which flows count as stable. */
  public static final BigDecimal FLOW_STABLE_MAX_CV = new BigDecimal("0.25");
  /** Coefficient of variation up to which flows count as fluctuating; above it, volatile. */
  public static final BigDecimal FLOW_FLUCTUATING_MAX_CV = new BigDecimal("0.50");
  /** Last 6 months' mean inflow against the 6 before, from which flows count as growing. */
  public static final BigDecimal FLOW_GROWING_MIN_RATIO = new BigDecimal("1.15");
  /** ... and up to which they count as declining. */
  public static final BigDecimal FLOW_DECLINING_MAX_RATIO = new BigDecimal("0.85");
  /** Last 3 months' mean inflow below this share of the 9 months before: flows collapsed. */
  public static final BigDecimal FLOW_COLLAPSE_RATIO = new BigDecimal("0.50");
  /** Annual sales of at least this many times the requested amount: high cover. */
  public static final BigDecimal SALES_COVER_HIGH_MULTIPLE = new BigDecimal("5");
  public static final BigDecimal SALES_COVER_MEDIUM_MULTIPLE = new BigDecimal("2");
  public static final BigDecimal SALES_COVER_LOW_MULTIPLE = BigDecimal.ONE;
  public static final int YEARS_LONG = 8;
  public static final int YEARS_MEDIUM = 3;
  public static final int DPD_30 = 30;
  public static final int DPD_90 = 90;
  public static final int ENQUIRIES_NORMAL_MAX = 2;
  public static final int ENQUIRIES_ELEVATED_MAX = 5;
  public static final int FEW_LENDERS_MAX = 3;
  public static final int ACTIVE_MONTHS_PARTIAL_MIN = 9;
  public static final int DEFICIT_MONTHS_FEW_MAX = 2;
  public static final int DEFICIT_MONTHS_SOME_MAX = 5;
  public static final int UTILITY_LATE_OCCASIONAL_MAX = 2;
  public static final int UTILITY_HISTORY_LONG_MONTHS = 24;
  public static final int UTILITY_HISTORY_MEDIUM_MONTHS = 12;
  /** The most the bank lends by guarantee type (the products' maxima, DESIGN.md §3.5). */
  public static final Map<String, BigDecimal> LIMIT_CAP_BY_GUARANTEE = Map.of(
      "CREDIT", new BigDecimal("1000000"),
      "JOINT_GUARANTEE", new BigDecimal("3000000"),
      "GUARANTEE", new BigDecimal("10000000"),
      "MORTGAGE", new BigDecimal("10000000"));

  private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
  private static final BigDecimal THOUSAND = new BigDecimal("1000");
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  /** Scores one application. */
  public ScoreCard score(ScoringInput input) {
    Findings findings = new Findings();
    FlowFigures flows = input.hasFullFlows() ? FlowFigures.of(input.monthlyInflows(), input.monthlyOutflows()) : null;
    operating(input, flows, findings);
    credit(input, findings);
    behaviour(input, flows, findings);
    scenario(input, findings);
    findings.raiseDataGap();

    int operating = findings.points(Dimension.OPERATING);
    int credit = findings.points(Dimension.CREDIT);
    int behaviour = findings.points(Dimension.BEHAVIOUR);
    int scenario = findings.points(Dimension.SCENARIO);
    int total = operating + credit + behaviour + scenario;
    List<RedFlag> redFlags = findings.redFlags();
    boolean hard = redFlags.stream().anyMatch(RedFlag::hard);
    Grade grade = hard ? Grade.E : Grade.forScore(total);
    return new ScoreCard(total, grade.name(), operating, credit, behaviour, scenario,
        suggestedLimit(input, flows, grade), redFlags, findings.reasons, MODEL_VERSION);
  }

  // ---------------------------------------------------------------- operating

  private void operating(ScoringInput in, FlowFigures flows, Findings f) {
    if (flows == null) {
      int months = in.monthlyInflows() == null ? 0 : in.monthlyInflows().size();
      f.reason(FLOW_DATA_MISSING, "未取得完整的近12个月流水(取得 " + months + " 个月), 流水项不得分");
      f.gap("近12个月流水");
    } else if (flows.coefficientOfVariation() == null) {
      f.reason(FLOW_NO_INFLOWS, "近12个月账户无经营流入");
    } else {
      BigDecimal cv = flows.coefficientOfVariation();
      String figures = "月均流入 " + wan(flows.meanInflow()) + " 万元, 波动系数 " + cv.setScale(2, RoundingMode.HALF_UP);
      if (cv.compareTo(FLOW_STABLE_MAX_CV) <= 0) {
        f.reason(FLOW_STABLE_12M, "近12个月经营流水稳定, " + figures);
      } else if (cv.compareTo(FLOW_FLUCTUATING_MAX_CV) <= 0) {
        f.reason(FLOW_FLUCTUATING, "近12个月经营流水有一定波动, " + figures);
      } else {
        f.reason(FLOW_VOLATILE, "近12个月经营流水波动大, " + figures);
      }
      trend(flows, f);
      if (flows.previous9MeanInflow().signum() > 0
          && flows.last3MeanInflow().compareTo(flows.previous9MeanInflow().multiply(FLOW_COLLAPSE_RATIO)) < 0) {
        f.flag(RedFlagCode.FLOWS_COLLAPSED, "近3个月月均流入 " + wan(flows.last3MeanInflow()) + " 万元, 不足此前9个月月均 "
            + wan(flows.previous9MeanInflow()) + " 万元的一半, 需人工核实经营状况");
      }
    }

    BigDecimal sales = in.taxAnnualSales() != null ? in.taxAnnualSales() : in.declaredAnnualRevenue();
    String salesSource = in.taxAnnualSales() != null ? "纳税申报" : "申请人自报, 未取得税务数据";
    BigDecimal amount = in.requestedAmount();
    String cover = "年销售收入 " + wan(sales) + " 万元(" + salesSource + "), 为申请金额 " + wan(amount) + " 万元的 "
        + sales.divide(amount, 1, RoundingMode.DOWN).toPlainString() + " 倍";
    if (sales.compareTo(amount.multiply(SALES_COVER_HIGH_MULTIPLE)) >= 0) {
      f.reason(SALES_COVER_AMOUNT_HIGH, cover);
    } else if (sales.compareTo(amount.multiply(SALES_COVER_MEDIUM_MULTIPLE)) >= 0) {
      f.reason(SALES_COVER_AMOUNT_MEDIUM, cover);
    } else if (sales.compareTo(amount.multiply(SALES_COVER_LOW_MULTIPLE)) >= 0) {
      f.reason(SALES_COVER_AMOUNT_LOW, cover);
    } else {
      f.reason(SALES_BELOW_AMOUNT, cover);
    }

    int years = yearsInBusiness(in.establishedOn(), in.asOf());
    // staff read the reasons (审批, 尽职免责认定): the date in Chinese, touching the text, as in every text a person reads
    String since = "成立于" + ChineseDates.day(in.establishedOn()) + ", 已经营 " + years + " 年";
    if (years >= YEARS_LONG) {
      f.reason(YEARS_IN_BUSINESS_8_PLUS, since);
    } else if (years >= YEARS_MEDIUM) {
      f.reason(YEARS_IN_BUSINESS_3_TO_8, since);
    } else {
      f.reason(YEARS_IN_BUSINESS_UNDER_3, since);
    }

    if (in.registrationStatus() == null) {
      f.gap("工商登记数据");
    } else if (in.registrationStatus().equals("REVOKED")) {
      f.reason(LICENCE_REVOKED, "工商登记显示营业执照已被吊销");
      f.flag(RedFlagCode.LICENCE_REVOKED, "营业执照已被吊销, 不符合授信条件");
    } else if (in.registrationStatus().equals("DEREGISTERED")) {
      f.reason(LICENCE_DEREGISTERED, "工商登记显示企业已注销");
      f.flag(RedFlagCode.LICENCE_DEREGISTERED, "企业已注销, 不符合授信条件");
    }
  }

  private void trend(FlowFigures flows, Findings f) {
    BigDecimal before = flows.firstHalfMeanInflow();
    BigDecimal recent = flows.secondHalfMeanInflow();
    String recentText = "近6个月月均流入 " + wan(recent) + " 万元";
    if (before.signum() == 0) {
      f.reason(FLOW_GROWING, recentText + ", 前6个月无流入");
      return;
    }
    BigDecimal ratio = recent.divide(before, FlowFigures.MC);
    int change = ratio.subtract(BigDecimal.ONE).multiply(HUNDRED).setScale(0, RoundingMode.HALF_UP).intValueExact();
    if (ratio.compareTo(FLOW_GROWING_MIN_RATIO) >= 0) {
      f.reason(FLOW_GROWING, recentText + ", 较前6个月增长 " + change + "%");
    } else if (ratio.compareTo(FLOW_DECLINING_MAX_RATIO) <= 0) {
      f.reason(FLOW_DECLINING, recentText + ", 较前6个月下降 " + (-change) + "%");
    } else {
      f.reason(FLOW_FLAT, recentText + ", 与前6个月基本持平(" + (change >= 0 ? "+" : "") + change + "%)");
    }
  }

  static int yearsInBusiness(LocalDate establishedOn, LocalDate asOf) {
    return establishedOn.isAfter(asOf) ? 0 : Period.between(establishedOn, asOf).getYears();
  }

  // ---------------------------------------------------------------- credit

  private void credit(ScoringInput in, Findings f) {
    bureau(in, f);
    tax(in, f);
    court(in, f);
    internalDefaults(in, f);
  }

  private void bureau(ScoringInput in, Findings f) {
    BigDecimal overdue = in.bureauCurrentOverdueAmount();
    Integer dpd = in.bureauMaxDpd24m();
    Integer loans = in.bureauOutstandingLoans();
    Integer enquiries = in.bureauEnquiriesLast3m();
    boolean complete = overdue != null && dpd != null && loans != null && enquiries != null;
    if (overdue != null && overdue.signum() > 0) {
      f.reason(BUREAU_CURRENT_OVERDUE, "征信显示当前逾期 " + yuan(overdue) + " 元");
      f.flag(RedFlagCode.BUREAU_CURRENT_OVERDUE, "征信显示当前逾期 " + yuan(overdue) + " 元, 结清前不予授信");
    } else if (!complete) {
      f.reason(BUREAU_DATA_MISSING, "未取得完整的征信数据, 征信项不得分");
    } else if (dpd == 0) {
      f.reason(BUREAU_CLEAN, "征信无当前逾期, 近24个月无逾期记录");
    } else if (dpd < DPD_30) {
      f.reason(BUREAU_MAX_DPD_1_TO_29, "近24个月最长逾期 " + dpd + " 天, 当前无逾期");
    } else if (dpd < DPD_90) {
      f.reason(BUREAU_MAX_DPD_30_PLUS, "近24个月最长逾期 " + dpd + " 天(30天以上), 当前无逾期");
    } else {
      f.reason(BUREAU_MAX_DPD_90_PLUS, "近24个月最长逾期 " + dpd + " 天(90天以上), 当前无逾期");
    }
    if (!complete) {
      f.gap("征信数据");
      return;
    }
    String enquiryText = "近3个月征信查询 " + enquiries + " 次";
    if (enquiries <= ENQUIRIES_NORMAL_MAX) {
      f.reason(BUREAU_ENQUIRIES_NORMAL, enquiryText);
    } else if (enquiries <= ENQUIRIES_ELEVATED_MAX) {
      f.reason(BUREAU_ENQUIRIES_ELEVATED, enquiryText + ", 近期融资需求较多");
    } else {
      f.reason(BUREAU_ENQUIRIES_HIGH, enquiryText + ", 近期融资需求集中, 需关注资金紧张");
    }
    if (loans <= FEW_LENDERS_MAX) {
      f.reason(BUREAU_FEW_LENDERS, "未结清贷款 " + loans + " 笔");
    } else {
      f.reason(BUREAU_MULTIPLE_LENDERS, "未结清贷款 " + loans + " 笔, 存在多头借贷");
    }
  }

  private void tax(ScoringInput in, Findings f) {
    String rating = in.taxRating();
    if (rating == null) {
      f.reason(TAX_DATA_MISSING, "未取得纳税信用等级, 纳税项不得分");
    } else {
      f.reason(ReasonCode.valueOf("TAX_RATING_" + rating), "纳税信用等级 " + rating + " 级"
          + (rating.equals("M") ? "(新设立或评价年度内无经营收入)" : ""));
    }
    Integer overdueFilings = in.taxOverdueFilings();
    if (overdueFilings != null && rating != null) {
      if (overdueFilings == 0) {
        f.reason(TAX_FILINGS_ON_TIME, "无逾期未申报记录");
      } else {
        f.reason(TAX_OVERDUE_FILINGS, "逾期未申报纳税 " + overdueFilings + " 期");
      }
    }
    if (overdueFilings != null && overdueFilings > 0) {
      f.flag(RedFlagCode.TAX_OVERDUE_FILINGS, "逾期未申报纳税 " + overdueFilings + " 期, 需人工核实");
    }
    if (rating == null || overdueFilings == null || in.taxAnnualSales() == null) {
      f.gap("税务数据");
    }
  }

  private void court(ScoringInput in, Findings f) {
    Integer open = in.courtOpenEnforcementCases();
    Boolean dishonest = in.courtDishonestDebtor();
    boolean found = false;
    if (Boolean.TRUE.equals(dishonest)) {
      f.reason(DISHONEST_DEBTOR, "企业已被列入失信被执行人名单");
      f.flag(RedFlagCode.DISHONEST_DEBTOR, "企业被列入失信被执行人名单, 按规定不予授信");
      found = true;
    }
    if (open != null && open > 0) {
      f.reason(COURT_ENFORCEMENT_OPEN, "有 " + open + " 件未结执行案件");
      f.flag(RedFlagCode.COURT_ENFORCEMENT_OPEN, "有 " + open + " 件未结执行案件, 需人工核实案情及影响");
      found = true;
    }
    boolean complete = open != null && dishonest != null;
    if (!found) {
      if (complete) {
        f.reason(COURT_CLEAN, "无未结执行案件, 未列入失信被执行人名单");
      } else {
        f.reason(COURT_DATA_MISSING, "未取得完整的司法数据, 司法项不得分");
      }
    }
    if (!complete) {
      f.gap("司法数据");
    }
  }

  private void internalDefaults(ScoringInput in, Findings f) {
    Integer count = in.internalDefaultCount();
    int open = in.internalOpenDefaultCount() == null ? 0 : in.internalOpenDefaultCount();
    if (count == null) {
      f.reason(INTERNAL_DATA_MISSING, "未取得本行违约数据, 该项不得分");
      f.gap("本行违约数据");
    } else if (count == 0 && open == 0) {
      f.reason(INTERNAL_NO_DEFAULT, "本行违约数据库无该企业违约记录");
    } else if (open == 0) {
      f.reason(INTERNAL_DEFAULT_HISTORY, "本行有 " + count + " 笔违约记录, 均已结清");
      f.flag(RedFlagCode.INTERNAL_DEFAULT_HISTORY, "本行有 " + count + " 笔已结清的违约记录, 需人工核实");
    } else {
      int total = Math.max(count, open);
      f.reason(INTERNAL_DEFAULT_OUTSTANDING, "本行有 " + total + " 笔违约记录, 其中 " + open + " 笔未结清");
      f.flag(RedFlagCode.INTERNAL_DEFAULT_HISTORY, "本行有 " + total + " 笔违约记录, 其中 " + open + " 笔未结清, 需人工核实");
    }
  }

  // ---------------------------------------------------------------- behaviour

  private void behaviour(ScoringInput in, FlowFigures flows, Findings f) {
    if (flows == null) {
      f.reason(SETTLEMENT_DATA_MISSING, "未取得完整的近12个月结算流水, 结算项不得分");
    } else {
      BigDecimal net = flows.totalInflow().subtract(flows.totalOutflow());
      String totals = "近12个月流入 " + wan(flows.totalInflow()) + " 万元, 流出 " + wan(flows.totalOutflow()) + " 万元";
      if (net.signum() > 0) {
        f.reason(SETTLEMENT_NET_POSITIVE, totals + ", 净流入 " + wan(net) + " 万元");
      } else {
        f.reason(SETTLEMENT_NET_NEGATIVE, totals + ", 净流出 " + wan(net.negate()) + " 万元");
      }
      int active = flows.activeMonths();
      if (active == ScoringInput.FLOW_MONTHS) {
        f.reason(SETTLEMENT_ACTIVE_12M, "近12个月每月均有经营流入");
      } else if (active >= ACTIVE_MONTHS_PARTIAL_MIN) {
        f.reason(SETTLEMENT_ACTIVE_PARTIAL, "近12个月有 " + active + " 个月有经营流入");
      } else {
        f.reason(SETTLEMENT_INACTIVE_MONTHS, "近12个月仅 " + active + " 个月有经营流入");
      }
      int deficit = flows.deficitMonths();
      String deficitText = "近12个月有 " + deficit + " 个月流出大于流入";
      if (deficit <= DEFICIT_MONTHS_FEW_MAX) {
        f.reason(SETTLEMENT_FEW_DEFICIT_MONTHS, deficitText);
      } else if (deficit <= DEFICIT_MONTHS_SOME_MAX) {
        f.reason(SETTLEMENT_SOME_DEFICIT_MONTHS, deficitText);
      } else {
        f.reason(SETTLEMENT_FREQUENT_DEFICIT_MONTHS, deficitText + ", 资金周转偏紧");
      }
    }

    Integer months = in.utilityMonthsOfHistory();
    Integer late = in.utilityLatePaymentsLast24m();
    if (months == null || late == null) {
      f.reason(UTILITY_DATA_MISSING, "未取得水电气缴费数据, 该项不得分");
      f.gap("水电气缴费数据");
      return;
    }
    if (months == 0) {
      f.reason(UTILITY_NO_HISTORY, "无水电气缴费记录");
      return;
    }
    if (late == 0) {
      f.reason(UTILITY_NO_LATE_24M, "近24个月水电气费均按时缴纳");
    } else if (late <= UTILITY_LATE_OCCASIONAL_MAX) {
      f.reason(UTILITY_LATE_PAYMENTS, "近24个月水电气费逾期缴纳 " + late + " 次");
    } else {
      f.reason(UTILITY_LATE_PAYMENTS_FREQUENT, "近24个月水电气费逾期缴纳 " + late + " 次, 缴费习惯较差");
    }
    String history = "水电气缴费记录 " + months + " 个月";
    if (months >= UTILITY_HISTORY_LONG_MONTHS) {
      f.reason(UTILITY_HISTORY_LONG, history);
    } else if (months >= UTILITY_HISTORY_MEDIUM_MONTHS) {
      f.reason(UTILITY_HISTORY_MEDIUM, history);
    } else {
      f.reason(UTILITY_HISTORY_SHORT, history + ", 记录较短");
    }
  }

  // ---------------------------------------------------------------- scenario

  private void scenario(ScoringInput in, Findings f) {
    String industry = in.industryCode() == null || in.industryCode().isBlank() ? "所属行业"
        : "所属行业 " + IndustryClassification.describe(in.industryCode()) + " ";
    String outlook = in.industryOutlook();
    if (outlook == null) {
      f.reason(INDUSTRY_DATA_MISSING, "未取得" + industry + "景气度, 该项不得分");
      f.gap("行业景气数据");
    } else {
      switch (outlook) {
        case "GROWING" -> f.reason(INDUSTRY_GROWING, industry + "景气度上升, 属本行鼓励类行业");
        case "STABLE" -> f.reason(INDUSTRY_STABLE, industry + "景气度平稳");
        default -> f.reason(INDUSTRY_DECLINING, industry + "景气度下行, 属本行审慎类行业");
      }
    }
    String role = in.supplyChainRole();
    if (role == null) {
      f.reason(SUPPLY_CHAIN_DATA_MISSING, "未取得供应链数据, 该项不得分");
      f.gap("供应链数据");
    } else {
      switch (role) {
        case "CORE" -> f.reason(SUPPLY_CHAIN_CORE, "为本行供应链金融场景的核心企业");
        case "TIER1" -> f.reason(SUPPLY_CHAIN_TIER1, "为核心企业的一级供应商或经销商");
        case "TIER2" -> f.reason(SUPPLY_CHAIN_TIER2, "为核心企业的二级供应商或经销商");
        default -> f.reason(SUPPLY_CHAIN_NONE, "未纳入本行供应链金融场景");
      }
    }
  }

  // ---------------------------------------------------------------- limit

  private static BigDecimal suggestedLimit(ScoringInput in, FlowFigures flows, Grade grade) {
    BigDecimal basis = in.taxAnnualSales() != null ? in.taxAnnualSales() : in.declaredAnnualRevenue();
    if (flows != null) {
      basis = basis.min(flows.totalInflow());
    }
    BigDecimal limit = basis.multiply(grade.limitShare()).min(LIMIT_CAP_BY_GUARANTEE.get(in.guaranteeType()));
    return limit.divide(THOUSAND, 0, RoundingMode.DOWN).multiply(THOUSAND).setScale(2, RoundingMode.UNNECESSARY);
  }

  /** CNY in 万元 with one decimal, e.g. 523000 → "52.3". */
  static String wan(BigDecimal amount) {
    return amount.divide(TEN_THOUSAND, 1, RoundingMode.HALF_UP).toPlainString();
  }

  static String yuan(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** Reasons, red flags and data gaps as the blocks find them. */
  private static final class Findings {
    final List<Reason> reasons = new ArrayList<>();
    final Map<RedFlagCode, String> flags = new EnumMap<>(RedFlagCode.class);
    final List<String> gaps = new ArrayList<>();

    void reason(ReasonCode code, String explanation) {
      reasons.add(new Reason(code.name(), code.dimension().name(), code.points(), explanation));
    }

    void flag(RedFlagCode code, String explanation) {
      flags.putIfAbsent(code, explanation);
    }

    void gap(String what) {
      gaps.add(what);
    }

    void raiseDataGap() {
      if (!gaps.isEmpty()) {
        flag(RedFlagCode.DATA_GAP, "以下外部数据缺失: " + String.join("、", gaps) + "; 相应项目按0分计, 需人工补充核实");
      }
    }

    int points(Dimension dimension) {
      return reasons.stream().filter(r -> r.dimension().equals(dimension.name())).mapToInt(Reason::points).sum();
    }

    List<RedFlag> redFlags() {
      List<RedFlag> result = new ArrayList<>();
      flags.forEach((code, explanation) -> {
        if (code.hard()) {
          result.add(new RedFlag(code.name(), true, explanation));
        }
      });
      flags.forEach((code, explanation) -> {
        if (!code.hard()) {
          result.add(new RedFlag(code.name(), false, explanation));
        }
      });
      return result;
    }
  }
}
