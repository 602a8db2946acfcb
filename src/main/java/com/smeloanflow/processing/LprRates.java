package com.smeloanflow.processing;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Loan Prime Rates ({@code lpr_rate}): dated values as published on the 20th of each month, the
 * 1-year and the over-5-year rate. A loan is priced on the rate in force on its pricing date.
 */
@Service
public class LprRates {

  /** One publication of one tenor. */
  public record Rate(LprTenor tenor, LocalDate effectiveFrom, BigDecimal ratePercent) {}

  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public LprRates(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The rate of the tenor in force on {@code day}. */
  public Rate inForce(LprTenor tenor, LocalDate day) {
    return jdbc.sql("""
        SELECT effective_from, rate_percent FROM lpr_rate WHERE tenor = :tenor AND effective_from <= :day
        ORDER BY effective_from DESC LIMIT 1
        """)
        .param("tenor", tenor.name()).param("day", day)
        .query((rs, row) -> new Rate(tenor, rs.getObject("effective_from", LocalDate.class), rs.getBigDecimal("rate_percent")))
        .optional()
        .orElseThrow(() -> new IllegalStateException("No " + tenor + " LPR in force on " + day + ": record the LPR first"));
  }

  public List<Rate> all() {
    return jdbc.sql("SELECT tenor, effective_from, rate_percent FROM lpr_rate ORDER BY effective_from DESC, tenor")
        .query((rs, row) -> new Rate(LprTenor.valueOf(rs.getString("tenor")), rs.getObject("effective_from", LocalDate.class),
            rs.getBigDecimal("rate_percent")))
        .list();
  }

  /**
   * Records a new publication.
   *
   * @throws InvalidFieldsException naming bad fields (rate 0 < r < 20 with at most 4 decimals; a date)
   * @throws StateConflictException when the tenor already has a rate from that day
   */
  @Transactional
  public Rate publish(String tenor, LocalDate effectiveFrom, BigDecimal ratePercent, String recordedBy) {
    List<FieldViolation> violations = new ArrayList<>();
    LprTenor parsed = null;
    try {
      parsed = LprTenor.valueOf(String.valueOf(tenor));
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation("tenor", "UNKNOWN_VALUE", "取值无效, 可选: ONE_YEAR, FIVE_YEAR"));
    }
    if (effectiveFrom == null) {
      violations.add(new FieldViolation("effectiveFrom", "REQUIRED", "生效日期不能为空"));
    } else if (effectiveFrom.isBefore(LocalDate.of(2019, 8, 20))) {
      violations.add(new FieldViolation("effectiveFrom", "BEFORE_LPR_REFORM", "LPR 自2019年8月20日起按新机制报价"));
    }
    if (ratePercent == null) {
      violations.add(new FieldViolation("ratePercent", "REQUIRED", "利率不能为空"));
    } else if (ratePercent.signum() <= 0 || ratePercent.compareTo(BigDecimal.valueOf(20)) >= 0
        || ratePercent.stripTrailingZeros().scale() > 4) {
      violations.add(new FieldViolation("ratePercent", "OUT_OF_RANGE", "利率(%)应大于0、小于20, 最多4位小数"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
    try {
      jdbc.sql("""
          INSERT INTO lpr_rate (tenor, effective_from, rate_percent, recorded_by, recorded_at)
          VALUES (:tenor, :from, :rate, :by, :at)
          """)
          .param("tenor", parsed.name()).param("from", effectiveFrom).param("rate", ratePercent)
          .param("by", recordedBy).param("at", Timestamp.from(clock.now()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new StateConflictException(parsed.label() + "自" + ChineseDates.day(effectiveFrom) + "起执行的报价已登记, 不能再次登记 (" + parsed
          + " LPR effective from " + effectiveFrom + " is already recorded)");
    }
    return new Rate(parsed, effectiveFrom, ratePercent);
  }

  Optional<Rate> latest(LprTenor tenor) {
    return all().stream().filter(rate -> rate.tenor() == tenor).findFirst();
  }
}
