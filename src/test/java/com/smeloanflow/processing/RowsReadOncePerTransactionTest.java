package com.smeloanflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.RequiredDocument;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application and its processing outcome are read once per transaction (a job's delegates and
 * listeners share the row), and a step that writes them sees what it wrote.
 */
class RowsReadOncePerTransactionTest extends AbstractIntegrationTest {

  @Autowired LoanApplicationRepository applications;
  @Autowired ProcessingOutcomes outcomes;
  @Autowired TransactionTemplate transaction;

  @Test
  void withinAJobTheApplicationIsReadOnceAndAfterAWriteAgain() {
    String id = ProcessingFixtures.insertApplication(applications, "91520302MA6DLX0C8A", "300000.00");

    transaction.executeWithoutResult(status -> {
      LoanApplication first = applications.get(id);
      assertThat(applications.get(id)).isSameAs(first);

      applications.updateMissingDocuments(id, List.of(RequiredDocument.BUSINESS_LICENCE), Instant.now());

      assertThat(applications.get(id).missingDocuments()).containsExactly(RequiredDocument.BUSINESS_LICENCE);
    });
    assertThat(applications.get(id)).isNotSameAs(applications.get(id));
  }

  @Test
  void eachStepOfProcessingSeesTheOutcomeAsTheStepBeforeLeftIt() {
    String id = ProcessingFixtures.insertApplication(applications, "91520302MA6DLX0C9B", "300000.00");

    transaction.executeWithoutResult(status -> {
      assertThat(outcomes.find(id)).isEmpty();
      outcomes.start(id, LocalDate.of(2026, 12, 1));
      assertThat(outcomes.get(id).factsAsOf()).isEqualTo(LocalDate.of(2026, 12, 1));

      outcomes.saveRoute(id, ApprovalRoute.AUTO, "模型自动审批", "申请符合自动审批条件");
      outcomes.saveExposure(id, new java.math.BigDecimal("300000.00"));

      assertThat(outcomes.get(id).approvalRoute()).isEqualTo(ApprovalRoute.AUTO);
      assertThat(outcomes.get(id).borrowerExposure()).isEqualByComparingTo("300000.00");
      assertThat(outcomes.get(id)).isSameAs(outcomes.get(id));
    });
    transaction.executeWithoutResult(status -> outcomes.start(id, LocalDate.of(2026, 12, 2)));

    assertThat(outcomes.get(id).factsAsOf()).isEqualTo(LocalDate.of(2026, 12, 2));
  }
}
