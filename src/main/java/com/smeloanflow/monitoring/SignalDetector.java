package com.smeloanflow.monitoring;

import com.smeloanflow.processing.source.RegistrationStatus;
import com.smeloanflow.processing.source.TaxRating;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the re-query of the external data found new since the last query (pure rules, no engine): a
 * tax rating that fell, more open enforcement cases, a new dishonest-debtor listing, a new overdue at
 * another lender, inflows that collapsed against their 12-month average, a licence revoked or the
 * enterprise deregistered. A condition that held already at the last query is no new signal.
 */
public final class SignalDetector {

  /** A signal the re-query found, before it is assessed and stored. */
  public record Detected(SignalType type, String summary, SignalEvidence evidence) {}

  private final int inflowCollapsePercent;

  /** @param inflowCollapsePercent how far below the 12-month average the last 3 months' inflows must fall */
  public SignalDetector(int inflowCollapsePercent) {
    this.inflowCollapsePercent = inflowCollapsePercent;
  }

  public List<Detected> detect(ExternalBaseline before, ExternalBaseline now) {
    List<Detected> found = new ArrayList<>();
    if (before.taxRating() != null && now.taxRating() != null
        && TaxRating.valueOf(now.taxRating()).compareTo(TaxRating.valueOf(before.taxRating())) > 0) {
      found.add(new Detected(SignalType.TAX_RATING_DROP,
          "纳税信用等级由 " + before.taxRating() + " 级降为 " + now.taxRating() + " 级",
          new SignalEvidence(before.taxRating(), now.taxRating(), null, null, now.taxRating(), null, null, null)));
    }
    int casesBefore = before.openEnforcementCases() == null ? 0 : before.openEnforcementCases();
    if (now.openEnforcementCases() != null && now.openEnforcementCases() > casesBefore) {
      found.add(new Detected(SignalType.COURT_ENFORCEMENT,
          "未结被执行案件由 " + casesBefore + " 件增至 " + now.openEnforcementCases() + " 件",
          new SignalEvidence(casesBefore + " 件", now.openEnforcementCases() + " 件", null, null, null, null,
              now.openEnforcementCases(), null)));
    }
    if (Boolean.TRUE.equals(now.dishonestDebtor()) && !Boolean.TRUE.equals(before.dishonestDebtor())) {
      found.add(new Detected(SignalType.DISHONEST_DEBTOR, "借款人被列入失信被执行人名单",
          new SignalEvidence("未列入", "已列入", null, null, null, null, null, null)));
    }
    if (positive(now.overdueElsewhere()) && !positive(before.overdueElsewhere())) {
      found.add(new Detected(SignalType.OVERDUE_ELSEWHERE,
          "征信报告显示他行贷款逾期 " + now.overdueElsewhere().toPlainString() + " 元",
          new SignalEvidence("0.00", now.overdueElsewhere().toPlainString(), null, null, null, now.overdueElsewhere(), null,
              null)));
    }
    if (collapsed(now.inflowDropPercent()) && !collapsed(before.inflowDropPercent())) {
      found.add(new Detected(SignalType.INFLOW_COLLAPSE,
          "近3个月月均经营流入较12个月均值下降 " + now.inflowDropPercent() + "%",
          new SignalEvidence(before.inflowDropPercent() == null ? null : "下降 " + before.inflowDropPercent() + "%",
              "下降 " + now.inflowDropPercent() + "%", null, null, null, null, null, now.inflowDropPercent())));
    }
    if (now.registrationStatus() != null && !RegistrationStatus.ACTIVE.name().equals(now.registrationStatus())
        && !Objects.equals(now.registrationStatus(), before.registrationStatus())) {
      found.add(new Detected(SignalType.LICENCE_STATUS_CHANGE,
          "企业登记状态由 " + statusLabel(before.registrationStatus()) + " 变为 " + statusLabel(now.registrationStatus()),
          new SignalEvidence(statusLabel(before.registrationStatus()), statusLabel(now.registrationStatus()), null, null, null,
              null, null, null)));
    }
    return found;
  }

  private boolean collapsed(Integer dropPercent) {
    return dropPercent != null && dropPercent >= inflowCollapsePercent;
  }

  private static boolean positive(BigDecimal amount) {
    return amount != null && amount.signum() > 0;
  }

  private static String statusLabel(String status) {
    if (status == null) {
      return "未知";
    }
    return switch (RegistrationStatus.valueOf(status)) {
      case ACTIVE -> "存续";
      case REVOKED -> "吊销";
      case DEREGISTERED -> "注销";
    };
  }
}
