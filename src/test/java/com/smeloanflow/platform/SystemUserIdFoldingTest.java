package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which login ids a directory comparing ids as LDAP does (case-insensitive, Unicode-folded, insignificant blanks and
 * invisible characters dropped) would take for a system user's: those are barred as the system user's own id is,
 * before any password check ({@link SystemUsers#orLookalike}, {@link SystemUsers#resembled}).
 */
class SystemUserIdFoldingTest {

  private static final Predicate<String> SYSTEM_USER = Set.of("channel", "core-banking")::contains;
  private static final Predicate<String> BARRED = SystemUsers.orLookalike(SYSTEM_USER);

  @ParameterizedTest
  @ValueSource(strings = {"channel", "Channel", " channel", "CORE-BANKING ", "channel\u00A0", "\u3000channel",
      "\uFF43\uFF48\uFF41\uFF4E\uFF4E\uFF45\uFF4C", "chan\u200Bnel", "\uFEFFchannel", "core\uFF0Dbanking"})
  void anIdADirectoryWouldTakeForASystemUsersIsBarred(String id) {
    assertThat(BARRED.test(id)).as("'%s' taken for a system user", id).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"channel2", "chan nel", "zy001-acceptor", "core banking", "", "c"})
  void anyOtherIdIsNot(String id) {
    assertThat(BARRED.test(id)).as("'%s' taken for a system user", id).isFalse();
  }
}
