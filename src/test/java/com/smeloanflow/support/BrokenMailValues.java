package com.smeloanflow.support;

import com.smeloanflow.notification.MailValueProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stage whose mail data is broken for the cases a test names: a {@link MailValueProvider} of applications and one of
 * loans that throw, or run a statement the database refuses (on PostgreSQL that aborts the transaction unless it is
 * rolled back to a savepoint), when the outbox renders a mail of such a case. For every other case they add nothing.
 *
 * <p>Test-only, in the test sources under the application's package (as {@code ProcessTestCoverageConfiguration}):
 * the application's component scan picks it up in every test context (profile {@code test}), so the tests that use it
 * add no Spring configuration and share the one cached context. Call {@link #repairAll()} after each test that breaks
 * a case.
 */
@Configuration(proxyBeanMethods = false)
@Profile("test")
public class BrokenMailValues {

  /** How a broken case's values fail. */
  public enum Fault {
    /** The provider throws, as on data it cannot make sense of. */
    THROWS,
    /** The provider's read is refused by the database (a statement naming a column that does not exist). */
    SQL_ERROR
  }

  /** The message of {@link Fault#THROWS}, to find in what the outbox records. */
  public static final String CAUSE = "借款人资料缺失 (test: broken mail values)";

  private static final Map<String, Fault> APPLICATIONS = new ConcurrentHashMap<>();
  private static final Map<String, Fault> LOANS = new ConcurrentHashMap<>();

  /** The mails of an application (case type APPLICATION) fail to render. */
  public static void breakApplicationMails(String applicationId, Fault fault) {
    APPLICATIONS.put(applicationId, fault);
  }

  /**
   * The mails of a loan (case type LOAN) fail to render: {@code loanOrApplicationId} is the loan id, or the id of the
   * application whose loans are broken (a credit line's drawdowns, whose loan ids a test does not know beforehand).
   */
  public static void breakLoanMails(String loanOrApplicationId, Fault fault) {
    LOANS.put(loanOrApplicationId, fault);
  }

  public static void repairAll() {
    APPLICATIONS.clear();
    LOANS.clear();
  }

  @Bean
  MailValueProvider brokenApplicationMailValues(JdbcClient jdbc) {
    return new MailValueProvider() {
      @Override
      public Map<String, String> values(String applicationId) {
        fail(jdbc, APPLICATIONS.get(applicationId));
        return Map.of();
      }
    };
  }

  @Bean
  MailValueProvider brokenLoanMailValues(JdbcClient jdbc) {
    return new MailValueProvider.OfLoan() {
      @Override
      public Map<String, String> values(String loanId) {
        if (!LOANS.isEmpty()) {
          fail(jdbc, Optional.ofNullable(LOANS.get(loanId)).orElseGet(() -> jdbc
              .sql("SELECT application_id FROM loan_account WHERE loan_id = :id").param("id", loanId)
              .query(String.class).optional().map(LOANS::get).orElse(null)));
        }
        return Map.of();
      }
    };
  }

  private static void fail(JdbcClient jdbc, Fault fault) {
    if (fault == Fault.THROWS) {
      throw new IllegalStateException(CAUSE);
    }
    if (fault == Fault.SQL_ERROR) {
      jdbc.sql("SELECT no_such_column FROM loan_account").query().listOfRows();
    }
  }
}
