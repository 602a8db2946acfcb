package com.smeloanflow.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The bank's clock: the engine's clock, so that business timestamps and timers agree, and a test
 * that moves the engine clock moves both. Business dates are in China Standard Time.
 */
@Component
public class BusinessClock {

  public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now(), BANK_ZONE);
  }
}
