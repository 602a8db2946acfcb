package com.smeloanflow.monitoring;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Readable ids of checks (PC…), signals (EW…) and reclassification proposals (RC…), from database sequences. */
@Component
public class MonitoringIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final BusinessClock clock;
  private final DataFieldMaxValueIncrementer checks;
  private final DataFieldMaxValueIncrementer signals;
  private final DataFieldMaxValueIncrementer proposals;

  public MonitoringIds(BusinessClock clock, DataSource dataSource) {
    this.clock = clock;
    this.checks = DatabaseSequences.of(dataSource, "post_loan_check_seq");
    this.signals = DatabaseSequences.of(dataSource, "warning_signal_seq");
    this.proposals = DatabaseSequences.of(dataSource, "reclassification_seq");
  }

  public String nextCheckId() {
    return next("PC", checks);
  }

  public String nextSignalId() {
    return next("EW", signals);
  }

  public String nextProposalId() {
    return next("RC", proposals);
  }

  private String next(String prefix, DataFieldMaxValueIncrementer sequence) {
    return prefix + DAY.format(clock.today()) + String.format("%06d", sequence.nextLongValue() % 1_000_000);
  }
}
