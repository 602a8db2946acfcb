package com.smeloanflow.intake;

import com.smeloanflow.platform.BusinessClock;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.jdbc.support.MetaDataAccessException;
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

  public ApplicationIdGenerator(DataSource dataSource, BusinessClock clock) throws MetaDataAccessException {
    String database = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
    this.sequence = database.toLowerCase().contains("postgres")
        ? new PostgresSequenceMaxValueIncrementer(dataSource, "loan_application_seq")
        : new H2SequenceMaxValueIncrementer(dataSource, "loan_application_seq");
    this.clock = clock;
  }

  public String next() {
    return "SL" + DAY.format(clock.today()) + String.format("%06d", sequence.nextLongValue() % 1_000_000);
  }
}
