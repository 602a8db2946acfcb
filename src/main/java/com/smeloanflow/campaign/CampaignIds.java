package com.smeloanflow.campaign;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Campaign ids ({@code WL} + import date + 6 digits, WL20261201000001) and prospect ids ({@code WP} + date
 * + 6 digits), from database sequences every node shares.
 */
@Component
class CampaignIds {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final DataFieldMaxValueIncrementer campaigns;
  private final DataFieldMaxValueIncrementer prospects;
  private final BusinessClock clock;

  CampaignIds(DataSource dataSource, BusinessClock clock) {
    this.campaigns = DatabaseSequences.of(dataSource, "campaign_seq");
    this.prospects = DatabaseSequences.of(dataSource, "prospect_seq");
    this.clock = clock;
  }

  String nextCampaign() {
    return "WL" + DAY.format(clock.today()) + String.format("%06d", campaigns.nextLongValue() % 1_000_000);
  }

  String nextProspect() {
    return "WP" + DAY.format(clock.today()) + String.format("%06d", prospects.nextLongValue() % 1_000_000);
  }
}
