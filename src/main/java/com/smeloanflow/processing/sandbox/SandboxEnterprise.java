package com.smeloanflow.processing.sandbox;

import com.smeloanflow.processing.sandbox.SandboxProfile.Bureau;
import com.smeloanflow.processing.sandbox.SandboxProfile.Court;
import com.smeloanflow.processing.sandbox.SandboxProfile.Flows;
import com.smeloanflow.processing.sandbox.SandboxProfile.InternalDefaultEntry;
import com.smeloanflow.processing.sandbox.SandboxProfile.Registration;
import com.smeloanflow.processing.sandbox.SandboxProfile.Scenario;
import com.smeloanflow.processing.sandbox.SandboxProfile.Settings;
import com.smeloanflow.processing.sandbox.SandboxProfile.Tax;
import com.smeloanflow.processing.sandbox.SandboxProfile.Utilities;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox answers for an enterprise, as the sandbox API shows it: the profile in the shape
 * it is registered with (so it can be edited and put back), whether it was registered or derived
 * from the credit code, and how many calls the sandbox has made fail so far.
 *
 * @param origin {@code REGISTERED} or {@code DERIVED_DEFAULT}
 * @param failedCalls failed calls per source since the profile was registered
 */
public record SandboxEnterprise(
    String creditCode,
    String origin,
    String registeredBy,
    Instant registeredAt,
    Instant updatedAt,
    Registration registration,
    Tax tax,
    Bureau bureau,
    Court court,
    Flows flows,
    Utilities utilities,
    Scenario scenario,
    List<InternalDefaultEntry> internalDefaults,
    Settings sandbox,
    Map<String, Integer> failedCalls) {

  public static final String REGISTERED = "REGISTERED";
  public static final String DERIVED_DEFAULT = "DERIVED_DEFAULT";
}
