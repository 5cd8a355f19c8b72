package org.strongroom.records;

import java.util.LinkedHashMap;
import java.util.Map;

import org.strongroom.core.ApiException;

/**
 * A refused save's errors, by form field ({@code title}, {@code contributors.0.orcid},
 * {@code keywords}, …), in words a depositor understands; what belongs to no field is under
 * {@code form}.
 */
final class FormErrors {

  static final String FORM = "form";

  private FormErrors() {}

  static Map<String, String> of(ApiException refused) {
    Map<String, String> byField = new LinkedHashMap<>();
    for (ApiException.FieldError error : refused.errors()) {
      String field = fieldOf(error.field());
      String message = friendly(field, String.join("; ", error.messages()));
      byField.merge(field, message, (a, b) -> a + "; " + b);
    }
    if (byField.isEmpty()) {
      byField.put(FORM, refused.getMessage());
    }
    return byField;
  }

  /** {@code metadata.contributors.0.orcid} → {@code contributors.0.orcid}; a keyword → {@code keywords}. */
  static String fieldOf(String schemaField) {
    String field = schemaField.startsWith("metadata.") ? schemaField.substring("metadata.".length()) : "";
    if (field.isEmpty()) {
      return FORM;
    }
    if (field.startsWith("keywords")) {
      return "keywords";
    }
    if (field.startsWith("contributors.") && field.split("\\.").length == 2) {
      return "contributors";
    }
    return field;
  }

  private static String friendly(String field, String message) {
    String last = field.substring(field.lastIndexOf('.') + 1);
    return switch (last) {
      case "title" -> "A title is required (at most 1,000 characters).";
      case "name" -> "Each contributor needs a name.";
      case "orcid" -> "An ORCID iD looks like 0000-0002-1825-0097.";
      case "publication_date" -> "Give the date as YYYY, YYYY-MM or YYYY-MM-DD.";
      case "resource_type" -> "Choose one of the listed types.";
      default -> message;
    };
  }
}
