package org.strongroom.cluster;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the session list of {@code /account/security}. */
final class SessionPages {

  private static final Pattern HANDLE = Pattern.compile("name=\"session\" value=\"([A-Za-z0-9_-]+)\"");
  private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);

  private SessionPages() {}

  static List<String> handles(String page) {
    return HANDLE.matcher(page).results().map(r -> r.group(1)).toList();
  }

  static String handleOfRowContaining(String page, String text) {
    Matcher rows = ROW.matcher(page);
    while (rows.find()) {
      if (rows.group(1).contains(text)) {
        return handles(rows.group(1)).get(0);
      }
    }
    throw new IllegalStateException("No session row contains " + text);
  }
}
