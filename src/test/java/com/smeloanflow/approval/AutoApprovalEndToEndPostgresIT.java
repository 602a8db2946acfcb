package com.smeloanflow.approval;

import com.smeloanflow.support.AbstractPostgresIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link AutoApprovalScenario} on embedded PostgreSQL, the production database (DESIGN.md §8): from the
 * channel's POST to an opened loan account, no staff task.
 */
class AutoApprovalEndToEndPostgresIT extends AbstractPostgresIntegrationTest implements AutoApprovalScenario {

  @Autowired BeanFactory beans;

  LoanFlow flow;

  @BeforeEach
  void drivers() {
    flow = new LoanFlow(api, this::executeDueJobs, this::completeAs, beans);
  }

  @Override
  public LoanFlow flow() {
    return flow;
  }

  @Override
  public List<MimeMessage> mailsFor(String address) {
    return mailsTo(address);
  }
}
