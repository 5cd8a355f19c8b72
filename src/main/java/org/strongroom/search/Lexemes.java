package org.strongroom.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How text becomes searchable words, the same for what is indexed and what is asked, on every
 * database: compatibility-decomposed, accents and other combining marks removed (so "Asa" finds
 * "Åsa"), lower case, and split into runs of letters and digits. Everything else separates words.
 */
public final class Lexemes {

  /** Longer runs are dropped on both sides (PostgreSQL refuses to index words over 2 KB). */
  public static final int MAX_LENGTH = 100;

  private Lexemes() {}

  /** The words of a text, in order. */
  public static List<String> of(String text) {
    String folded = fold(text);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); ) {
      int cp = i < folded.length() ? folded.codePointAt(i) : ' ';
      boolean part = Character.isLetterOrDigit(cp);
      if (part && start < 0) {
        start = i;
      } else if (!part && start >= 0) {
        if (i - start <= MAX_LENGTH) {
          words.add(folded.substring(start, i));
        }
        start = -1;
      }
      i += i < folded.length() ? Character.charCount(cp) : 1;
    }
    return words;
  }

  /** Whether a string is one word as {@link #of} makes them (only letters and digits). */
  public static boolean isWord(String word) {
    return !word.isEmpty() && word.codePoints().allMatch(Character::isLetterOrDigit);
  }

  /** Accent- and case-folded text, without splitting it. */
  public static String fold(String text) {
    // Lower case first: some capitals lower-case to a letter the table below folds (U+1E9E to ß)
    // or to a letter and a mark (İ to i and U+0307), which must be folded too, so that folding
    // folded text changes nothing.
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(cp -> {
      if (Character.getType(cp) == Character.NON_SPACING_MARK
          || Character.getType(cp) == Character.COMBINING_SPACING_MARK
          || Character.getType(cp) == Character.ENCLOSING_MARK) {
        return;
      }
      String replaced = switch (cp) {
        // Letters that are not a base letter plus a mark, folded as unaccent does.
        case 'ø', 'Ø' -> "o";
        case 'æ', 'Æ' -> "ae";
        case 'œ', 'Œ' -> "oe";
        case 'ß' -> "ss";
        case 'đ', 'Đ', 'ð', 'Ð' -> "d";
        case 'ł', 'Ł' -> "l";
        case 'þ', 'Þ' -> "th";
        case 'ı' -> "i";
        default -> null;
      };
      if (replaced != null) {
        out.append(replaced);
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
