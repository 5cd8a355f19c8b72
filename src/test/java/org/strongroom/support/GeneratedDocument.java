package org.strongroom.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A document generated from the code and committed under docs/, so that it cannot drift: the
 * test that generates it compares it with the committed copy and fails when they differ. With
 * {@code -Dstrongroom.docs.write=true} it writes the document instead (see
 * docs/development/testing.md, "Generated references").
 */
public final class GeneratedDocument {

  public static final String WRITE_PROPERTY = "strongroom.docs.write";
  public static final String REGENERATE =
      "./mvnw -q test -Dtest='CommandLineReferenceTests,ConfigurationReferenceTests' -D" + WRITE_PROPERTY + "=true";

  private GeneratedDocument() {}

  /** The line every generated document starts with, after its title. */
  public static String header(String source) {
    return "<!-- Generated from " + source + "; do not edit. Regenerate with:\n     " + REGENERATE + " -->\n";
  }

  /** Writes the document when asked to, else fails unless the committed copy is the same. */
  public static void writeOrCompare(Path committed, String generated) throws IOException {
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      Files.createDirectories(committed.toAbsolutePath().getParent());
      Files.writeString(committed, generated, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(committed)) {
      fail(committed + " is missing: run " + REGENERATE + " and commit it");
    }
    String current = Files.readString(committed, StandardCharsets.UTF_8);
    if (!current.equals(generated)) {
      fail(committed + " is stale (" + firstDifference(current, generated) + "): run " + REGENERATE
          + " and commit the result");
    }
  }

  private static String firstDifference(String committed, String generated) {
    List<String> a = committed.lines().toList();
    List<String> b = generated.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end>";
      String right = i < b.size() ? b.get(i) : "<end>";
      if (!left.equals(right)) {
        return "line " + (i + 1) + " is '" + left + "', the code now gives '" + right + "'";
      }
    }
    return "line endings differ";
  }
}
