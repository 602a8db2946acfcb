package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.smeloanflow.campaign.CampaignFigures;
import com.smeloanflow.identity.BranchService;
import com.smeloanflow.operations.OpenTasksByGroup;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.calendar.BankCalendar;
import com.smeloanflow.platform.sla.SlaFigures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The cycle times are counted beside the dashboard's other figures, and what goes wrong there reaches the caller as
 * it was thrown. The figures themselves are {@link DashboardFiguresTest}'s.
 */
class DashboardSectionsTest {

  /** A branch without applications, loans, tasks or prospects: every section is empty. */
  private static final Optional<Set<String>> NO_BRANCH = Optional.of(Set.of());
  private static final DashboardQuery NOVEMBER = DashboardQuery.of("2026-11-01", "2026-11-30", null, LocalDate.parse("2026-12-01"));

  DashboardRepository repository = mock(DashboardRepository.class);
  DashboardService dashboard;

  @BeforeEach
  void emptyBook() {
    BusinessClock clock = mock(BusinessClock.class);
    when(clock.now()).thenReturn(Instant.parse("2026-12-01T01:00:00Z"));
    when(repository.payouts(any(), any(), any())).thenReturn(new DashboardRepository.Payouts(0, BigDecimal.ZERO));
    when(repository.drawdowns(any(), any(), any())).thenReturn(new DashboardRepository.Payouts(0, BigDecimal.ZERO));
    when(repository.renewals(any(), any(), any())).thenReturn(new DashboardRepository.Payouts(0, BigDecimal.ZERO));
    CampaignFigures campaigns = mock(CampaignFigures.class);
    CampaignFigures.Funnel none = new CampaignFigures.Funnel(null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0);
    when(campaigns.of(null, NO_BRANCH)).thenReturn(new CampaignFigures.Figures(null, none, List.of(), List.of()));
    dashboard = new DashboardService(repository, mock(SlaFigures.class), campaigns, mock(BankCalendar.class), clock,
        mock(BranchService.class), mock(OpenTasksByGroup.class), mock(IdentityService.class));
  }

  @AfterEach
  void stopWorkers() {
    dashboard.destroy();
  }

  @Test
  void theCycleTimesAreCountedWhileTheOtherFiguresAreReadNotBeforeThem() {
    CountDownLatch bookRead = new CountDownLatch(1);
    when(repository.activeBookByClassification(NO_BRANCH)).thenAnswer(call -> {
      bookRead.countDown();
      return List.of();
    });
    // The milestones answer only once the book has been read: one after the other, the cycle times (asked first)
    // would wait for a book that is read after them.
    when(repository.milestones(any(), any(), any(), any())).thenAnswer(call -> {
      if (!bookRead.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the book was not read while the cycle times were counted");
      }
      return List.of();
    });

    DashboardFigures figures = dashboard.figures(NOVEMBER, NO_BRANCH);

    assertThat(figures.cycleTimes()).extracting(DashboardFigures.CycleTime::applications).containsOnly(0L).hasSize(7);
    assertThat(figures.portfolio().loans()).isZero();
    assertThat(figures.writeOffs()).as("a month without write-offs or recoveries shows zeros").singleElement()
        .satisfies(month -> {
          assertThat(month.month()).isEqualTo("2026-11");
          assertThat(month.writtenOff()).isZero();
          assertThat(month.writtenOffPrincipal()).isEqualByComparingTo("0.00");
          assertThat(month.recoveries()).isZero();
          assertThat(month.recovered()).isEqualByComparingTo("0.00");
        });
  }

  @Test
  void aFailureOfTheCycleTimesStatementReachesTheCallerAsItWasThrown() {
    when(repository.milestones(any(), any(), any(), any()))
        .thenThrow(new DataAccessResourceFailureException("database not reachable"));

    assertThatThrownBy(() -> dashboard.figures(NOVEMBER, NO_BRANCH))
        .isExactlyInstanceOf(DataAccessResourceFailureException.class)
        .hasMessage("database not reachable");
  }
}
