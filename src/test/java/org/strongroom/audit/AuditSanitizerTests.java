package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Whatever a publisher passes, an entry stays within its columns, printable and free of secrets. */
class AuditSanitizerTests {

  @Test
  void secretNamesAreRedactedWhateverTheirCase() {
    Map<String, String> details = new HashMap<>();
    for (String name : new String[] {"Password", "old_password", "client_secret", "TOTP_SEED", "recovery_code",
        "session_id", "Cookie", "authorization", "api_key", "signing_key", "csrf_token", "token", "code", "otp"}) {
      details.put(name, "s3cr3t-value");
    }
    assertThat(AuditSanitizer.details(details).values()).containsOnly(AuditSanitizer.REDACTED);
  }

  @Test
  void ordinaryNamesAreKept() {
    assertThat(AuditSanitizer.details(Map.of("reason", "locked", "token_id", "ab12", "previous_address", "::1",
        "key", "data/results.csv")))
        .containsEntry("key", "data/results.csv").containsEntry("reason", "locked").containsEntry("token_id", "ab12").containsEntry("previous_address", "::1");
  }

  @Test
  void tokensAreMaskedInsideAnyValueAndTarget() {
    String token = "sr_" + "x".repeat(40) + "abcdef";
    assertThat(AuditSanitizer.details(Map.of("note", "used " + token + " twice")))
        .containsEntry("note", "used " + AuditSanitizer.REDACTED + " twice");
    assertThat(AuditSanitizer.target("email:" + token)).doesNotContain(token);
    assertThat(AuditSanitizer.details(Map.of("header", "Bearer abc.def"))).containsEntry("header", AuditSanitizer.REDACTED);
  }

  @Test
  void sizesAreCapped() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("k" + (100 + i), "v".repeat(10_000));
    }
    Map<String, String> clean = AuditSanitizer.details(many);
    assertThat(clean).hasSize(AuditSanitizer.MAX_DETAILS + 1).containsEntry("truncated", "true");
    assertThat(clean.values()).allSatisfy(v -> assertThat(v.length()).isLessThanOrEqualTo(AuditSanitizer.MAX_DETAIL_VALUE));
    assertThat(AuditSanitizer.target("record:" + "r".repeat(1000))).hasSize(400);
    assertThat(AuditSanitizer.clientAddress("1".repeat(500))).hasSize(64);
  }

  @Test
  void controlCharactersAndLoneSurrogatesBecomePrintable() {
    assertThat(AuditSanitizer.printable("a\nb\u0000c\u001b[0m\ud800d", 100)).isEqualTo("a?b?c?[0m?d");
    assertThat(AuditSanitizer.printable("\ud83d\ude00\ud83d\ude00", 3)).isEqualTo("\ud83d\ude00");
  }

  @Test
  void actionsAndOutcomesAreShortWords() {
    assertThat(AuditSanitizer.action("Record.Create")).isEqualTo("record.create");
    assertThat(AuditSanitizer.action("drop table; --")).isEqualTo("drop_table__--");
    assertThat(AuditSanitizer.action("9lives")).isEqualTo("x9lives");
    assertThat(AuditSanitizer.action(null)).isEqualTo("unknown");
    assertThat(AuditSanitizer.outcome("x".repeat(40))).hasSize(16);
  }
}
