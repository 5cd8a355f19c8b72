package org.strongroom.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/security/asvs.md stays true to the code: every test class it names exists, every row has
 * one of the three statuses (a "gap" or "n/a" with its reason, a "control" with at least one
 * test), and no requirement is listed twice.
 */
class AsvsMapTests {

  private static final Path MAP = Path.of("docs/security/asvs.md");
  private static final Pattern ROW = Pattern.compile("^\\| (\\d+\\.\\d+\\.\\d+) \\| ([a-z/]+) \\| (.+?) \\| (.*)\\|$");
  private static final Pattern CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]+)`");

  record Row(String requirement, String status, String text, List<String> tests) {}

  @Test
  void everyNamedTestClassExists() throws IOException {
    Set<String> testClasses = testClassNames();
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(100);
    for (Row row : rows) {
      assertThat(row.tests()).as("test classes named for %s", row.requirement())
          .allSatisfy(name -> assertThat(testClasses).as("%s names %s", row.requirement(), name).contains(name));
    }
  }

  @Test
  void everyRowHasAStatusAndWhatItNeeds() throws IOException {
    Set<String> seen = new HashSet<>();
    for (Row row : rows()) {
      assertThat(seen.add(row.requirement())).as("%s listed twice", row.requirement()).isTrue();
      assertThat(row.status()).as(row.requirement()).isIn("control", "n/a", "gap");
      assertThat(row.text()).as(row.requirement()).isNotBlank();
      if (row.status().equals("control")) {
        assertThat(row.tests()).as("a control without a test: %s", row.requirement()).isNotEmpty();
      } else {
        assertThat(row.tests()).as("%s is %s but names tests", row.requirement(), row.status()).isEmpty();
      }
    }
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(MAP)) {
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        List<String> tests = new ArrayList<>();
        Matcher names = CLASS.matcher(m.group(4));
        while (names.find()) {
          tests.add(names.group(1));
        }
        rows.add(new Row(m.group(1), m.group(2), m.group(3), tests));
      }
    }
    return rows;
  }

  private static Set<String> testClassNames() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      Set<String> names = new HashSet<>();
      files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".java"))
          .forEach(name -> names.add(name.substring(0, name.length() - ".java".length())));
      return names;
    }
  }
}
