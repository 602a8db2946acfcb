package com.smeloanflow.disbursement;

import com.smeloanflow.platform.BusinessClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sandbox of the mortgage registry (default): registrations a tester records in
 * {@code sandbox_mortgage_registration}, released when the bank asks. Its writes commit in its own
 * transaction, as a registry's would.
 */
@Component
public class SandboxMortgageRegistry implements MortgageRegistry {

  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public SandboxMortgageRegistry(JdbcClient jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a registration, as the registry would after the applicant registered the mortgage. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void register(Registration registration) {
    jdbc.sql("DELETE FROM sandbox_mortgage_registration WHERE registration_number = :n")
        .param("n", registration.registrationNumber()).update();
    jdbc.sql("""
        INSERT INTO sandbox_mortgage_registration (registration_number, credit_code, mortgagee, collateral_type,
          collateral_description, secured_amount, registered_at)
        VALUES (:n, :c, :m, :t, :d, :a, :at)
        """)
        .param("n", registration.registrationNumber()).param("c", registration.creditCode()).param("m", registration.mortgagee())
        .param("t", registration.collateralType()).param("d", registration.collateralDescription())
        .param("a", registration.securedAmount()).param("at", Timestamp.from(registration.registeredAt()))
        .update();
  }

  @Override
  public Optional<Registration> find(String registrationNumber) {
    return jdbc.sql("SELECT * FROM sandbox_mortgage_registration WHERE registration_number = :n")
        .param("n", registrationNumber)
        .query((rs, row) -> new Registration(registrationNumber, rs.getString("credit_code"), rs.getString("mortgagee"),
            rs.getString("collateral_type"), rs.getString("collateral_description"), rs.getBigDecimal("secured_amount"),
            rs.getObject("registered_at", OffsetDateTime.class).toInstant(), instant(rs.getObject("released_at", OffsetDateTime.class))))
        .optional();
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void release(String registrationNumber) {
    jdbc.sql("UPDATE sandbox_mortgage_registration SET released_at = :at WHERE registration_number = :n AND released_at IS NULL")
        .param("at", Timestamp.from(clock.now())).param("n", registrationNumber).update();
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
