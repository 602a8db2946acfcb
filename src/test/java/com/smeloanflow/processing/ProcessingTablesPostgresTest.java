package com.smeloanflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.processing.sandbox.SandboxDefaults;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import com.smeloanflow.processing.sandbox.SandboxProfileRepository;
import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.InternalDefault;
import com.smeloanflow.processing.source.InternalDefaultHistory;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.processing.source.IndustryOutlook;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.RegistrationStatus;
import com.smeloanflow.processing.source.ScenarioRecord;
import com.smeloanflow.processing.source.SupplyChainRole;
import com.smeloanflow.processing.source.TaxRating;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import com.smeloanflow.processing.source.UtilityRecord;
import com.smeloanflow.scoring.FourDimensionScorer;
import com.smeloanflow.scoring.ScoreCard;
import com.smeloanflow.scoring.ScoringInput;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The processing tables on a real PostgreSQL server: the same Flyway migrations as on H2, and the
 * repositories writing and reading back snapshots, scores, sandbox profiles and internal defaults.
 */
class ProcessingTablesPostgresTest {

  static EmbeddedPostgres postgres;
  static JdbcClient jdbc;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(postgres.getPostgresDatabase());
    jdbc.sql("INSERT INTO branch (code, name, active) VALUES ('ZY001', '汇川支行', TRUE)").update();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Test
  void snapshotAndScoreAreStoredAndReadBackUnchanged() {
    String code = CreditCodes.fresh();
    String applicationId = ProcessingFixtures.insertApplication(new LoanApplicationRepository(jdbc), code, "100000.00");
    EnterpriseData data = new EnterpriseData(code, Instant.now().truncatedTo(ChronoUnit.MILLIS),
        new RegistrationRecord("遵义市汇川区明达机械加工有限公司", LocalDate.of(2017, 3, 1), RegistrationStatus.ACTIVE, "C34"),
        new TaxRecord(TaxRating.A, new BigDecimal("6200000.00"), 0),
        new BureauRecord(new BigDecimal("0.00"), 0, 1, 1),
        new CourtRecord(0, false),
        new UtilityRecord(60, 0),
        new TransactionFlowRecord(Collections.nCopies(12, new BigDecimal("520000.00")), Collections.nCopies(12, new BigDecimal("470000.00"))),
        new InternalDefaultHistory(List.of(new InternalDefault(LocalDate.of(2019, 6, 30), new BigDecimal("50000.00"), InternalDefaultStatus.SETTLED))),
        new ScenarioRecord(IndustryOutlook.STABLE, SupplyChainRole.CORE));
    EnterpriseDataRepository snapshots = new EnterpriseDataRepository(jdbc);

    snapshots.save(applicationId, data);
    snapshots.save(applicationId, data);

    assertThat(snapshots.find(applicationId)).contains(data);
    ScoringInput input = ScoringService.inputFor(new LoanApplicationRepository(jdbc).get(applicationId), data);
    ScoreCard card = new FourDimensionScorer().score(input);
    ScoreRepository scores = new ScoreRepository(jdbc);
    scores.save(applicationId, card, input, Instant.now());
    scores.save(applicationId, card, input, Instant.now());
    assertThat(scores.find(applicationId)).contains(card);
    assertThat(scores.findInput(applicationId)).contains(input);
    assertThat(card.redFlagCodes()).isEqualTo("INTERNAL_DEFAULT_HISTORY");
  }

  @Test
  void sandboxProfilesInternalDefaultsAndFailureCountsWork() {
    String code = CreditCodes.fresh();
    SandboxProfileRepository profiles = new SandboxProfileRepository(jdbc);
    SandboxProfile profile = SandboxDefaults.derive(code);

    assertThat(profiles.save(code, profile, "admin", Instant.now())).isTrue();
    assertThat(profiles.save(code, profile, "admin", Instant.now())).isFalse();
    assertThat(profiles.find(code)).get().extracting(SandboxProfileRepository.StoredProfile::profile).isEqualTo(profile);

    profiles.countFailure(code, "TAX");
    profiles.countFailure(code, "TAX");
    assertThat(profiles.failedCalls(code, "TAX")).isEqualTo(2);
    profiles.resetFailures(code);
    assertThat(profiles.failedCalls(code)).isEmpty();

    InternalDefaultRepository defaults = new InternalDefaultRepository(jdbc);
    defaults.replace(code, List.of(new InternalDefault(LocalDate.of(2020, 1, 31), new BigDecimal("1234.56"), InternalDefaultStatus.WRITTEN_OFF)), Instant.now());
    assertThat(defaults.find(code)).containsExactly(
        new InternalDefault(LocalDate.of(2020, 1, 31), new BigDecimal("1234.56"), InternalDefaultStatus.WRITTEN_OFF));
  }
}
