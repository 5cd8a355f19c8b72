package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@link FirewallText} gives the answers of the regular expressions in Spring Security's StrictHttpFirewall. */
class FirewallTextTests {

  private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
  private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

  @Test
  void everyCharacterAloneAndInsideTextIsJudgedAsByTheFirewallsPatterns() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String alone = String.valueOf((char) c);
      String inside = "Bearer sr_" + (char) c + "x";
      for (String text : new String[] {alone, inside}) {
        assertThat(FirewallText.isAllowedName(text)).as("name U+%04X", c).isEqualTo(NAME.matcher(text).matches());
        assertThat(FirewallText.isAllowedValue(text)).as("value U+%04X", c).isEqualTo(VALUE.matcher(text).matches());
      }
    }
  }

  @Test
  void supplementaryCodePointsAndLoneSurrogatesAreJudgedAsByTheFirewallsPatterns() {
    for (int codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT; codePoint <= Character.MAX_CODE_POINT; codePoint += 97) {
      String text = "a" + Character.toString(codePoint) + "b";
      assertThat(FirewallText.isAllowedValue(text)).as("U+%X", codePoint).isEqualTo(VALUE.matcher(text).matches());
      assertThat(FirewallText.isAllowedName(text)).as("U+%X", codePoint).isEqualTo(NAME.matcher(text).matches());
    }
    for (String text : new String[] {"a\uD800", "\uDC00a", "\uDBFF\uDFFF", "\uD83D\uDE00\t", "", "\t"}) {
      assertThat(FirewallText.isAllowedValue(text)).as(text).isEqualTo(VALUE.matcher(text).matches());
      assertThat(FirewallText.isAllowedName(text)).as(text).isEqualTo(NAME.matcher(text).matches());
    }
  }
}
