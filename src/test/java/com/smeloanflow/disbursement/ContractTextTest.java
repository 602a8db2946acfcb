package com.smeloanflow.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.approval.ApprovalAuthority;
import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.approval.ApprovalOutcome;
import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.CollateralType;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the applicant and the guarantors sign: a term loan's 借款合同 states an amount paid out once and a term; a
 * revolving line's contract states a limit, the line's validity and how each drawdown is made, priced and repaid,
 * and its guarantors sign a maximum-amount guarantee (最高额保证) of the drawdowns, not a guarantee of one loan.
 */
class ContractTextTest {

  /** Only the texts are asked for: nothing here touches the database or the e-signature service. */
  private static final ContractService CONTRACTS = new ContractService(null, null, null, null, null, null, null);

  @Test
  void revolvingLineContractGrantsALimitForTheLineValidityNotALoanPaidOutOnce() {
    String text = CONTRACTS.contractText("HT20261201000001", application(Product.REVOLVING_LINE, GuaranteeType.GUARANTEE, 36),
        approval("1000000.00", GuaranteeType.GUARANTEE));

    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("循环额度借款合同 (编号 HT20261201000001)");
    assertThat(text)
        .contains("授信额度: 人民币 1000000.00 元", "额度有效期: 36 个月, 自额度开立之日起算, 至开立日 36 个月后的前一日止",
            "随借随还", "每笔提款不超过当时的可用额度", "期限 1 至 36 个月, 到期日不晚于额度有效期的最后一日", "已归还的本金可再次提款",
            "年利率: 每笔提款按 4.35% (贷款市场报价利率 3.45% 加 0.9%) 单独计息", "还款方式: 每笔提款单独还款, 等额本息",
            "担保方式: 保证 (最高额保证)", "借款用途: 补充流动资金", "额度每年年审一次")
        .doesNotContain("借款金额", "借款期限");
  }

  @Test
  void revolvingLineGuarantorSignsAMaximumAmountGuaranteeOfEveryDrawdown() {
    LoanApplication line = application(Product.REVOLVING_LINE, GuaranteeType.GUARANTEE, 36);

    String text = ContractService.guaranteeText("BZ20261201000001-1", "HT20261201000001",
        new ContractService.Signer("李强", "520302197001010011"), line, approval("1000000.00", GuaranteeType.GUARANTEE));

    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo("最高额保证合同 (编号 BZ20261201000001-1, 主合同 循环额度借款合同 HT20261201000001)");
    assertThat(text).contains("额度有效期内", "各笔提款", "最高债权额: 本金余额人民币 1000000.00 元", "连带责任保证")
        .doesNotContain("借款本金人民币");
  }

  @Test
  void revolvingLineOnMortgageIsAMaximumAmountMortgage() {
    String text = CONTRACTS.contractText("HT20261201000002", application(Product.REVOLVING_LINE, GuaranteeType.MORTGAGE, 36),
        approval("2000000.00", GuaranteeType.MORTGAGE));

    assertThat(text).contains("担保方式: 抵押 (最高额抵押)");
  }

  @Test
  void termLoanContractStillStatesTheAmountPaidOutAndItsTerm() {
    LoanApplication loan = application(Product.GROWTH, GuaranteeType.GUARANTEE, 24);
    ApprovalDecisions.Approval approval = approval("800000.00", GuaranteeType.GUARANTEE);

    assertThat(CONTRACTS.contractText("HT20261201000003", loan, approval))
        .startsWith("借款合同 (编号 HT20261201000003)")
        .contains("借款金额: 人民币 800000.00 元", "借款期限: 24 个月", "年利率: 4.35% (贷款市场报价利率 3.45% 加 0.9%)",
            "还款方式: 等额本息", "担保方式: 保证")
        .doesNotContain("授信额度", "最高额");
    assertThat(ContractService.guaranteeText("BZ20261201000003-1", "HT20261201000003",
        new ContractService.Signer("李强", "520302197001010011"), loan, approval))
        .startsWith("保证合同 (编号 BZ20261201000003-1, 主合同 HT20261201000003)")
        .contains("借款本金人民币 800000.00 元");
  }

  static LoanApplication application(Product product, GuaranteeType guarantee, int termMonths) {
    boolean mortgage = guarantee == GuaranteeType.MORTGAGE;
    return new LoanApplication("SL20261201000001", Channel.BRANCH_COUNTER, "ZY001", product, "遵义市汇川区明达机械加工有限公司",
        "91520303MA6DKQ8X4A", "C34", LocalDate.of(2016, 4, 18), new BigDecimal("6500000.00"), "张明", "52030219850714321X",
        "13985012345", "zhangming@example.com", new BigDecimal("1000000.00"), termMonths, "补充流动资金", guarantee,
        mortgage ? CollateralType.INDUSTRIAL_PROPERTY : null, mortgage ? "汇川区工业园3号厂房" : null,
        mortgage ? new BigDecimal("4000000.00") : null, List.of(), "channel", Instant.parse("2026-12-01T01:00:00Z"));
  }

  static ApprovalDecisions.Approval approval(String amount, GuaranteeType guarantee) {
    return new ApprovalDecisions.Approval("SL20261201000001", ApprovalOutcome.APPROVE, ApprovalAuthority.APPROVER,
        new BigDecimal(amount), guarantee, null, null, RepaymentMethod.EQUAL_INSTALMENT, new BigDecimal("3.45"),
        new BigDecimal("0.90"), new BigDecimal("4.35"), "approver", Instant.parse("2026-12-01T02:00:00Z"),
        Instant.parse("2026-12-01T02:00:00Z"));
  }
}
