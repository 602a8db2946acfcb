package com.smeloanflow.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V131 and V132 on H2, the demo's database: no statement joins a numbered subquery, which H2 would number again for each
 * row it joins. V132's second text joined the numbered mail contacts and the numbered reminders so: 44 s at a fiftieth
 * of a bank's book, about 30 hours at the book (docs/performance.md, "The migrations since V117 at book scale"). Each
 * script runs on the test database statement by statement, each data statement's plan read before it runs; a refused
 * one is not run.
 */
class CollectionMigrationPlanTest extends AbstractIntegrationTest {

  @Autowired DataSource dataSource;

  private List<String> numberedAgainPerRow(String script) throws SQLException, IOException {
    try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
      return MigrationScriptPlans.runRefusingPlans(sql, script, MigrationScriptPlans::h2NumbersAgainPerRow);
    }
  }

  @Test
  void theContactMailBackfillNumbersTheMailContactsAndRemindersOnceNotOncePerRow() throws Exception {
    assertThat(numberedAgainPerRow(ContactMailBackfillScenario.SCRIPT))
        .as("statements that number the contacts or reminders again for each row they join").isEmpty();
  }

  @Test
  void theReminderWithdrawalNumbersTheMailContactsAndRemindersOnceNotOncePerRow() throws Exception {
    assertThat(numberedAgainPerRow(ReminderWithdrawalMigrationScenario.SCRIPT))
        .as("statements that number the contacts or reminders again for each row they join").isEmpty();
  }
}
