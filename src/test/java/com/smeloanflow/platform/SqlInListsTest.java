package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqlInListsTest {

  private static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void noValuesMakeNoStatement() {
    assertThat(SqlInLists.chunks(List.of())).isEmpty();
  }

  @Test
  void aFullChunkIsOneStatementAndOneMoreValueIsTwo() {
    assertThat(SqlInLists.chunks(upTo(SqlInLists.CHUNK))).hasSize(1);
    assertThat(SqlInLists.chunks(upTo(SqlInLists.CHUNK + 1))).extracting(List::size).containsExactly(SqlInLists.CHUNK, 1);
  }

  @Test
  void everyValueIsInExactlyOneChunkInItsOrder() {
    List<List<Integer>> chunks = SqlInLists.chunks(upTo(250));

    assertThat(chunks).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(upTo(250));
  }
}
