package com.smeloanflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An enterprise with many open applications is still checked: the duplicates are named up to 20, then counted. */
class DuplicateListTest {

  @Test
  void fewDuplicatesAreAllNamed() {
    assertThat(DuplicateCheckService.listed(List.of("SL20261201000001", "SL20261201000002")))
        .isEqualTo("SL20261201000001,SL20261201000002");
  }

  @Test
  void fortyOpenApplicationsAreNamedUpToTwentyAndCountedWithinTheColumn() {
    List<String> forty = IntStream.rangeClosed(1, 40).mapToObj(n -> String.format("SL20261201%06d", n)).toList();

    String listed = DuplicateCheckService.listed(forty);

    assertThat(listed).startsWith("SL20261201000001,").contains("SL20261201000020").doesNotContain("SL20261201000021")
        .endsWith("(共 40 件)");
    assertThat(listed.length()).as("fits processing_outcome.duplicate_of VARCHAR(500)").isLessThanOrEqualTo(500);
  }
}
