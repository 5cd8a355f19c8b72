package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link FirewallText} gives the answers of Spring Security's own default rules (regular
 * expressions behind StrictHttpFirewall's public predicates), so a Spring Security upgrade
 * that changes them fails here.
 */
class FirewallTextTests {

  private static final Predicate<String> NAME = StrictHttpFirewall.ALLOWED_HEADER_NAMES;
  private static final Predicate<String> PARAMETER_NAME = StrictHttpFirewall.ALLOWED_PARAMETER_NAMES;
  private static final Predicate<String> VALUE = StrictHttpFirewall.ALLOWED_HEADER_VALUES;

  @Test
  void everyCharacterAloneAndInsideTextIsJudgedAsByTheFirewallsPatterns() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String alone = String.valueOf((char) c);
      String inside = "Bearer sr_" + (char) c + "x";
      for (String text : new String[] {alone, inside}) {
        assertThat(FirewallText.isAllowedName(text)).as("name U+%04X", c).isEqualTo(NAME.test(text))
            .isEqualTo(PARAMETER_NAME.test(text));
        assertThat(FirewallText.isAllowedValue(text)).as("value U+%04X", c).isEqualTo(VALUE.test(text));
      }
    }
  }

  @Test
  void supplementaryCodePointsAndLoneSurrogatesAreJudgedAsByTheFirewallsPatterns() {
    for (int codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT; codePoint <= Character.MAX_CODE_POINT; codePoint += 97) {
      String text = "a" + Character.toString(codePoint) + "b";
      assertThat(FirewallText.isAllowedValue(text)).as("U+%X", codePoint).isEqualTo(VALUE.test(text));
      assertThat(FirewallText.isAllowedName(text)).as("U+%X", codePoint).isEqualTo(NAME.test(text));
    }
    for (String text : new String[] {"a\uD800", "\uDC00a", "\uDBFF\uDFFF", "\uD83D\uDE00\t", "", "\t"}) {
      assertThat(FirewallText.isAllowedValue(text)).as(text).isEqualTo(VALUE.test(text));
      assertThat(FirewallText.isAllowedName(text)).as(text).isEqualTo(NAME.test(text));
    }
  }
}
