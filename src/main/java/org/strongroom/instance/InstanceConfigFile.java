package org.strongroom.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads an instance's {@code strongroom.yml}. A file that cannot be read or parsed is refused
 * with one line naming the file, the line and the problem, never SnakeYAML's multi-line report.
 */
final class InstanceConfigFile {

  private static final Pattern DUPLICATE = Pattern.compile("found duplicate key (.+)");

  private InstanceConfigFile() {}

  /** The file's property sources (one per YAML document); empty when there is no file. */
  static List<PropertySource<?>> load(String sourceName, Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfiguration(file + ": cannot be read: " + (Files.isDirectory(file)
          ? "it is a folder" : "it is not a file (a dangling link?)") + "; it must be a YAML file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfiguration(file + ": cannot be read (" + reason(e) + "); check its owner and mode "
          + "(the server's user must be able to read it)", e);
    }
    try {
      return new YamlPropertySourceLoader().load(sourceName, new FileSystemResource(file));
    } catch (MarkedYAMLException e) {
      throw new InvalidConfiguration(file + ": " + describe(e, text), e);
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfiguration(file + ": not valid YAML (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  static String describe(MarkedYAMLException e, String text) {
    Mark problemMark = e.getProblemMark();
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getProblem()));
    if (duplicate.matches() && problemMark != null) {
      String key = duplicate.group(1).strip();
      int first = firstOccurrence(text, key, problemMark);
      return "duplicate key '" + key + "' at line " + (problemMark.getLine() + 1)
          + (first > 0 ? " (first at line " + first + ")" : "") + "; merge the two into one";
    }
    String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
    String where = problemMark != null ? "line " + (problemMark.getLine() + 1) + ", column "
        + (problemMark.getColumn() + 1) + ": " : "";
    String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
    return "not valid YAML at " + where + problem.strip() + context;
  }

  /** The 1-based line where the key first appears in the same mapping as the duplicate, or 0. */
  private static int firstOccurrence(String text, String key, Mark duplicate) {
    String[] lines = text.split("\n", -1);
    int column = duplicate.getColumn();
    Pattern keyLine = Pattern.compile(" {" + column + "}[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
    int first = 0;
    for (int i = Math.min(duplicate.getLine(), lines.length) - 1; i >= 0; i--) {
      String line = lines[i];
      boolean content = !line.isBlank() && !line.stripLeading().startsWith("#");
      if (content && leadingSpaces(line) < column) {
        break;
      }
      if (keyLine.matcher(line).matches()) {
        first = i + 1;
      }
    }
    return first;
  }

  private static int leadingSpaces(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static String reason(IOException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    return name.isEmpty() ? "I/O error" : name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
