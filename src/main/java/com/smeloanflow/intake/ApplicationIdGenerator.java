package com.smeloanflow.intake;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Application ids staff can read out on the phone: {@code SL} + submission date + a 6-digit number
 * from a database sequence, unique across all nodes sharing the database (e.g. SL20261123000042).
 */
@Component
public class ApplicationIdGenerator {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final DataFieldMaxValueIncrementer sequence;
  private final BusinessClock clock;

  public ApplicationIdGenerator(DataSource dataSource, BusinessClock clock) {
    this.sequence = DatabaseSequences.of(dataSource, "loan_application_seq");
    this.clock = clock;
  }

  public String next() {
    return "SL" + DAY.format(clock.today()) + String.format("%06d", sequence.nextLongValue() % 1_000_000);
  }
}
