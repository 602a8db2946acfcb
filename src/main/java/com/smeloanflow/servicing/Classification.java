package com.smeloanflow.servicing;

/**
 * The five-tier risk classification of a loan (贷款五级分类), in increasing order of risk. The
 * daily close applies the regulatory minimum by days past due of the 商业银行金融资产风险分类办法 (2023):
 * any overdue at least 关注, more than 90 days at least 次级, more than 270 at least 可疑, more than 360
 * 损失 ({@link #floorFor(int)}).
 */
public enum Classification {
  NORMAL("正常"),
  SPECIAL_MENTION("关注"),
  SUBSTANDARD("次级"),
  DOUBTFUL("可疑"),
  LOSS("损失");

  /** Days past due above which the floor is {@link #SUBSTANDARD}, {@link #DOUBTFUL}, {@link #LOSS}. */
  public static final int SUBSTANDARD_AFTER_DAYS = 90;
  public static final int DOUBTFUL_AFTER_DAYS = 270;
  public static final int LOSS_AFTER_DAYS = 360;

  private final String label;

  Classification(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Non-performing (不良): substandard, doubtful or loss. */
  public boolean nonPerforming() {
    return compareTo(SUBSTANDARD) >= 0;
  }

  /** The riskier of two classifications: a loan's classification is the strictest of its sources. */
  public static Classification strictest(Classification a, Classification b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The regulatory minimum for a loan this many days past due. */
  public static Classification floorFor(int daysPastDue) {
    if (daysPastDue > LOSS_AFTER_DAYS) {
      return LOSS;
    }
    if (daysPastDue > DOUBTFUL_AFTER_DAYS) {
      return DOUBTFUL;
    }
    if (daysPastDue > SUBSTANDARD_AFTER_DAYS) {
      return SUBSTANDARD;
    }
    return daysPastDue > 0 ? SPECIAL_MENTION : NORMAL;
  }

  private static final String RULE = "按《商业银行金融资产风险分类办法》(2023)";

  /**
   * Why a loan at this floor has it, as the classification history shows it; {@code #} stands for
   * the days past due (the daily close fills it in SQL, {@link #floorReason(int)} in Java).
   */
  public String floorReasonTemplate() {
    return switch (this) {
      case LOSS -> "逾期#天, 超过" + LOSS_AFTER_DAYS + "天, " + RULE + "归为损失类";
      case DOUBTFUL -> "逾期#天, 超过" + DOUBTFUL_AFTER_DAYS + "天, " + RULE + "不低于可疑类";
      case SUBSTANDARD -> "逾期#天, 超过" + SUBSTANDARD_AFTER_DAYS + "天, " + RULE + "不低于次级类";
      case SPECIAL_MENTION -> "逾期#天, " + RULE + "逾期贷款不低于关注类";
      case NORMAL -> "逾期已结清, 按逾期天数无分类下限";
    };
  }

  /** Why a loan this many days past due has the floor it has. */
  public static String floorReason(int daysPastDue) {
    return floorFor(daysPastDue).floorReasonTemplate().replace("#", String.valueOf(daysPastDue));
  }
}
