package org.strongroom.records;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.Lexemes;
import org.strongroom.search.SearchQuery;

/**
 * Marks the words of a text that a query asked for, for the search page. The result is plain
 * text in parts, marked or not; the template writes each part with {@code th:text}, so the
 * marking cannot open a way for markup from the query or the record. Words are compared as
 * search compares them (folded); every word of a phrase is marked wherever it occurs.
 */
final class Highlighter {

  /** A run of text, marked when it is a word the query asked for. */
  record Part(String text, boolean mark) {}

  private final Set<String> words = new HashSet<>();
  private final List<String> prefixes = new ArrayList<>();

  Highlighter(SearchQuery query, Field field) {
    for (Clause.Words wanted : query.wanted()) {
      if (wanted.field() != null && wanted.field() != field) {
        continue;
      }
      List<String> list = wanted.words();
      for (int i = 0; i < list.size(); i++) {
        if (wanted.prefix() && i == list.size() - 1) {
          prefixes.add(list.get(i));
        } else {
          words.add(list.get(i));
        }
      }
    }
  }

  List<Part> parts(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && Character.isLetterOrDigit(text.codePointAt(end))) {
        end += Character.charCount(text.codePointAt(end));
      }
      if (end == i) {
        plain.appendCodePoint(text.codePointAt(i));
        i += Character.charCount(text.codePointAt(i));
        continue;
      }
      String word = text.substring(i, end);
      if (wanted(word)) {
        if (!plain.isEmpty()) {
          parts.add(new Part(plain.toString(), false));
          plain.setLength(0);
        }
        parts.add(new Part(word, true));
      } else {
        plain.append(word);
      }
      i = end;
    }
    if (!plain.isEmpty()) {
      parts.add(new Part(plain.toString(), false));
    }
    return parts;
  }

  /** A piece of a long text around its first marked word, at most {@code length} characters. */
  List<Part> snippet(String text, int length) {
    List<Part> all = parts(text);
    int offset = 0;
    int first = -1;
    for (Part part : all) {
      if (part.mark()) {
        first = offset;
        break;
      }
      offset += part.text().length();
    }
    int start = first > length / 2 ? first - length / 4 : 0;
    int end = Math.min(text.length(), start + length);
    // Cut between code points and words only.
    while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
      start--;
    }
    while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
      end++;
    }
    String piece = (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    return parts(piece);
  }

  private boolean wanted(String word) {
    String folded = String.join("", Lexemes.of(word));
    if (words.contains(folded)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (folded.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
