package org.strongroom.accounts.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ten one-time codes for when the authenticator is lost. Each has 80 random bits, so a plain
 * SHA-256 is enough to store it (unlike a password, it cannot be guessed from a list); a
 * code is spent by one conditional update, so two simultaneous uses cannot both succeed.
 */
@Component
class RecoveryCodes {

  static final int COUNT = 10;
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  RecoveryCodes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Replaces the user's codes with ten new ones, returned in clear this once. */
  List<String> replace(long userId) {
    deleteAll(userId);
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String code = generate();
      codes.add(code);
      jdbc.sql("insert into recovery_codes (user_id, code_hash) values (:user, :hash)")
          .param("user", userId).param("hash", hash(code)).update();
    }
    return codes;
  }

  /** Spends a code; true only the first time a valid code is used. */
  boolean use(long userId, String code, Instant now) {
    return jdbc.sql("update recovery_codes set used = :now where user_id = :user and code_hash = :hash and used is null")
        .param("now", Timestamp.from(now)).param("user", userId).param("hash", hash(code)).update() == 1;
  }

  int remaining(long userId) {
    return jdbc.sql("select count(*) from recovery_codes where user_id = :user and used is null")
        .param("user", userId).query(Integer.class).single();
  }

  void deleteAll(long userId) {
    jdbc.sql("delete from recovery_codes where user_id = :user").param("user", userId).update();
  }

  static boolean looksLikeCode(String input) {
    return normalise(input).length() == 16;
  }

  private static String generate() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  private static String normalise(String input) {
    return input == null ? "" : input.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
  }

  static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(normalise(code).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
