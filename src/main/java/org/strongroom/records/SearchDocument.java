package org.strongroom.records;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.strongroom.search.Lexemes;
import tools.jackson.databind.JsonNode;

/**
 * What search knows of a record: the words of each text field (as {@link Lexemes} makes them,
 * space-separated) and the values it filters and counts by. The write path and the re-index
 * both build it here, so a record is indexed the same way whichever wrote it.
 */
record SearchDocument(String title, String contributors, String keywordWords, String description,
    Set<String> keywords, String type, String license, Integer year) {

  static SearchDocument of(JsonNode metadata) {
    List<String> names = new ArrayList<>();
    metadata.path("contributors").forEach(c -> names.add(c.path("name").asString("")));
    List<String> keywordTexts = new ArrayList<>();
    Set<String> keywords = new LinkedHashSet<>();
    metadata.path("keywords").forEach(k -> {
      keywordTexts.add(k.asString(""));
      String key = facetKey(k.asString(""));
      if (!key.isEmpty()) {
        keywords.add(key);
      }
    });
    String date = metadata.path("publication_date").asString("");
    Integer year = date.length() >= 4 && date.substring(0, 4).chars().allMatch(Character::isDigit)
        ? Integer.valueOf(date.substring(0, 4)) : null;
    String license = facetKey(metadata.path("license").asString(""));
    String type = facetKey(metadata.path("resource_type").asString(""));
    return new SearchDocument(words(metadata.path("title").asString("")), words(String.join(" ", names)),
        words(String.join(" ", keywordTexts)), words(metadata.path("description").asString("")),
        keywords, type.isEmpty() ? null : type, license.isEmpty() ? null : license, year);
  }

  /** A facet key and filter value: trimmed, lower case, without U+0000 (PostgreSQL refuses it). */
  static String facetKey(String value) {
    return Records.fold(value).strip().toLowerCase(Locale.ROOT);
  }

  private static String words(String text) {
    return String.join(" ", Lexemes.of(text));
  }
}
