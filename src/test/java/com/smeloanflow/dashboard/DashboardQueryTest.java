package com.smeloanflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.InvalidFieldsException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The period a dashboard reader may ask for: at most 36 months, both ends included. */
class DashboardQueryTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

  @Test
  void thirtySixMonthsEndingTheDayBeforeTheSameDateAreTaken() {
    DashboardQuery query = DashboardQuery.of("2024-01-01", "2026-12-31", null, TODAY);

    assertThat(query.from()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(query.to()).isEqualTo(LocalDate.of(2026, 12, 31));
  }

  @Test
  void aPeriodOneDayLongerThanThirtySixMonthsIsRefused() {
    // 2024-01-01 to 2027-01-01, both included: 36 months and a day, a 37th month on the page
    assertThatThrownBy(() -> DashboardQuery.of("2024-01-01", "2027-01-01", null, TODAY))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations())
            .extracting(violation -> violation.field() + " " + violation.code()).containsExactly("from PERIOD_TOO_LONG"));
  }
}
