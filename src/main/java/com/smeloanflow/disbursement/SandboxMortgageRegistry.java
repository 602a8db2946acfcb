package com.smeloanflow.disbursement;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Sandbox of the mortgage registry (default): registrations that a tester records in {@code sandbox_mortgage_registration}. */
@Component
public class SandboxMortgageRegistry implements MortgageRegistry {

  private final JdbcClient jdbc;

  public SandboxMortgageRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a registration, as the registry would after the applicant registered the mortgage. */
  public void register(Registration registration) {
    jdbc.sql("DELETE FROM sandbox_mortgage_registration WHERE registration_number = :n")
        .param("n", registration.registrationNumber()).update();
    jdbc.sql("""
        INSERT INTO sandbox_mortgage_registration (registration_number, credit_code, collateral_description, secured_amount, registered_at)
        VALUES (:n, :c, :d, :a, :at)
        """)
        .param("n", registration.registrationNumber()).param("c", registration.creditCode())
        .param("d", registration.collateralDescription()).param("a", registration.securedAmount())
        .param("at", Timestamp.from(registration.registeredAt()))
        .update();
  }

  @Override
  public Optional<Registration> find(String registrationNumber) {
    return jdbc.sql("SELECT * FROM sandbox_mortgage_registration WHERE registration_number = :n")
        .param("n", registrationNumber)
        .query((rs, row) -> new Registration(registrationNumber, rs.getString("credit_code"),
            rs.getString("collateral_description"), rs.getBigDecimal("secured_amount"),
            rs.getObject("registered_at", OffsetDateTime.class).toInstant()))
        .optional();
  }
}
