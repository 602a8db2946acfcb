package com.smeloanflow.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The system users of outside systems (the channel gateway, core banking): they authenticate to the
 * API with a secret from the environment ({@code smeloan.security.system-users.<id>.secret}), checked
 * here, never with a Camunda password. Camunda's login throttling counts wrong passwords per user and
 * locks the user after {@code loginMaxAttempts}; with a Camunda password anyone could lock the
 * documented user {@code channel} and stop all intake. A secret check keeps no counter, so nobody can
 * lock it; guessing a secret of 32 or more random characters is not feasible, and every failure is
 * logged with the caller's address.
 *
 * <p>A system user with no secret configured cannot log in. Outside the demo profile a secret shorter
 * than {@link #MIN_SECRET_LENGTH} stops the start.
 */
@ConfigurationProperties(prefix = "smeloan.security")
public class SystemUsers {

  private static final Logger log = LoggerFactory.getLogger(SystemUsers.class);
  public static final int MIN_SECRET_LENGTH = 32;

  /** One system user: its groups (authorities) and its secret. */
  public static class SystemUser {
    private List<String> groups = List.of();
    private String secret = "";

    public List<String> getGroups() {
      return groups;
    }

    public void setGroups(List<String> groups) {
      this.groups = groups;
    }

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }
  }

  private Map<String, SystemUser> systemUsers = new HashMap<>();
  private boolean weakSystemSecretsAllowed;
  private final Map<String, byte[]> digests = new HashMap<>();

  public Map<String, SystemUser> getSystemUsers() {
    return systemUsers;
  }

  public void setSystemUsers(Map<String, SystemUser> systemUsers) {
    this.systemUsers = systemUsers;
  }

  public boolean isWeakSystemSecretsAllowed() {
    return weakSystemSecretsAllowed;
  }

  public void setWeakSystemSecretsAllowed(boolean weakSystemSecretsAllowed) {
    this.weakSystemSecretsAllowed = weakSystemSecretsAllowed;
  }

  /** Checks the secrets once at start: weak ones stop it (outside the demo), missing ones disable the user. */
  void checkSecrets() {
    systemUsers.forEach((id, user) -> {
      String secret = user.getSecret() == null ? "" : user.getSecret();
      if (secret.isEmpty()) {
        log.warn("System user {} has no secret configured and cannot log in", id);
      } else if (secret.length() < MIN_SECRET_LENGTH && !weakSystemSecretsAllowed) {
        throw new IllegalStateException("The secret of system user " + id + " is shorter than " + MIN_SECRET_LENGTH
            + " characters: set a long random one in the environment");
      } else {
        digests.put(id, sha256(secret));
      }
    });
  }

  public boolean isSystemUser(String userId) {
    return userId != null && systemUsers.containsKey(userId);
  }

  /**
   * {@code isSystemUser}, or a lookalike of a system user's id: the id folded as {@link #plain} folds it (another case,
   * blanks or invisible characters around or in it, full-width letters: {@code Channel}, {@code " channel"},
   * {@code "ｃｈａｎｎｅｌ"}) is a system user's. A directory that compares user ids so (LDAP) would take them for the
   * system user.
   */
  static Predicate<String> orLookalike(Predicate<String> isSystemUser) {
    return id -> id != null && (isSystemUser.test(id) || isSystemUser.test(plain(id)));
  }

  /**
   * The system user whose id {@code userId} folds to ({@link #plain}: {@code Channel}, {@code " channel"},
   * {@code "ｃｈａｎｎｅｌ"} to {@code channel}), if any; empty for a system user's own id and for any other.
   */
  public Optional<String> resembled(String userId) {
    if (userId == null || isSystemUser(userId)) {
      return Optional.empty();
    }
    String folded = plain(userId);
    return isSystemUser(folded) ? Optional.of(folded) : Optional.empty();
  }

  /** Unicode format characters (category Cf): zero-width space and joiners, the byte order mark, direction marks. */
  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");

  /**
   * A user id as a directory comparing ids case-insensitively (LDAP's string preparation) matches it: Unicode
   * compatibility forms folded (full-width letters, the no-break space), invisible format characters (zero-width space,
   * byte order mark) dropped, no blanks around, lower case.
   */
  private static String plain(String userId) {
    String folded = Normalizer.normalize(userId, Normalizer.Form.NFKC);
    return INVISIBLE.matcher(folded).replaceAll("").strip().toLowerCase(Locale.ROOT);
  }

  /** The system user's groups when the secret is right; empty when it is wrong or none is configured. */
  public Optional<List<String>> authenticate(String userId, String secret) {
    byte[] expected = digests.get(userId);
    if (expected == null || secret == null || !MessageDigest.isEqual(expected, sha256(secret))) {
      return Optional.empty();
    }
    return Optional.of(systemUsers.get(userId).getGroups());
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
