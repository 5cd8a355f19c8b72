package org.strongroom.web;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The text Spring Security's {@link StrictHttpFirewall} lets through in header names, header
 * values and parameter names: assigned code points that are not control characters (a tab is
 * allowed in a header value). The firewall's defaults check this with a regular expression
 * each time a header or parameter is read, which costs every request several times what this
 * loop over the characters does (docs/development/performance.md); the rule is the same.
 * FirewallTextTests holds both to the same answer for every character.
 */
final class FirewallText {

  private FirewallText() {
  }

  static boolean isAllowedName(String text) {
    return isAllowed(text, false);
  }

  static boolean isAllowedValue(String text) {
    return isAllowed(text, true);
  }

  private static boolean isAllowed(String text, boolean tabAllowed) {
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (c >= ' ' && c < 0x7F) {
        i++;
        continue;
      }
      if (c == '\t' && tabAllowed) {
        i++;
        continue;
      }
      int codePoint = text.codePointAt(i);
      if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }
}
