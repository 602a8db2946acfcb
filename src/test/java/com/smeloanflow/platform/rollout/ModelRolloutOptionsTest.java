package com.smeloanflow.platform.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rollout command's {@code -Drollout.onlyBusinessKeys}: the business keys of a trial on a few instances. */
class ModelRolloutOptionsTest {

  @Test
  void absentOrEmptyMovesEveryInstance() {
    assertThat(ModelRollout.businessKeysOption(null)).isEmpty();
    assertThat(ModelRollout.businessKeysOption("")).isEmpty();
    assertThat(ModelRollout.businessKeysOption("  ")).isEmpty();
  }

  @Test
  void keysAreSeparatedByCommasWithBlanksAroundThemIgnored() {
    assertThat(ModelRollout.businessKeysOption("APP-1, APP-2 ,APP-1")).containsExactly("APP-1", "APP-2");
  }

  @Test
  void anEmptyKeyIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> ModelRollout.businessKeysOption("APP-1,,APP-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollout.onlyBusinessKeys 含空的业务键 (\"APP-1,,APP-2\")");
    assertThatThrownBy(() -> ModelRollout.businessKeysOption("APP-1,"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
