package org.strongroom.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.strongroom.instance.InstanceProperties;

/**
 * The overrides in {@code instance/templates}, checked once when the application starts: which
 * may be used, which are refused (with file and line), which are allowed only by a pinned hash.
 */
@Component
public class TemplateOverrides {

  /** One refused construct in one override: printed as a single line. */
  public record Refusal(Path file, int line, String rule) {

    public String text() {
      return "template override " + file + (line > 0 ? " line " + line : "") + ": " + rule;
    }
  }

  /** An override used although the rules refuse it, because its hash is pinned. */
  public record Pinned(Path file, String sha256, List<TemplateRules.Violation> violations) {}

  private final Path folder;
  private final List<Refusal> refusals = new ArrayList<>();
  private final List<Pinned> pinned = new ArrayList<>();
  private final Map<String, String> usable = new TreeMap<>();

  TemplateOverrides(TemplatesProperties properties, InstanceProperties instance) {
    this.folder = instance.layout().templates();
    Set<String> shipped = shippedTemplates();
    List<Path> files = overrideFiles();
    Set<String> known = new HashSet<>(shipped);
    for (Path file : files) {
      check(file, shipped, known, properties);
    }
  }

  public Path folder() {
    return folder;
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  public List<Pinned> pinned() {
    return List.copyOf(pinned);
  }

  /** Template names (e.g. {@code records/list}) served from the instance folder. */
  public Set<String> usable() {
    return Set.copyOf(usable.keySet());
  }

  /** Name → the text that was checked, which is what is served. */
  Map<String, String> checkedSources() {
    return Map.copyOf(usable);
  }

  private void check(Path file, Set<String> shipped, Set<String> known, TemplatesProperties properties) {
    String relative = folder.relativize(file).toString().replace('\\', '/');
    String name = relative.substring(0, relative.length() - ".html".length());
    if (!shipped.contains(name)) {
      refusals.add(new Refusal(file, 0, "there is no shipped template " + relative + " to override; "
          + "overrides use the shipped names (see the jar's templates/ folder)"));
      return;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      refusals.add(new Refusal(file, 0, "cannot be read: " + e.getMessage()));
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<TemplateRules.Violation> violations = TemplateRules.check(text, known);
    String sha256 = sha256(bytes);
    String pin = properties.allowUnsafe().get(relative);
    List<TemplateRules.Violation> syntax = violations.stream().filter(TemplateRules.Violation::syntax).toList();
    if (!syntax.isEmpty()) {
      // A broken template is not a reviewed risk: no pin serves it.
      syntax.forEach(v -> refusals.add(new Refusal(file, v.line(), v.rule() + " — correct it: Thymeleaf cannot "
          + "parse it, so the page would fail each time it is shown")));
    } else if (violations.isEmpty()) {
      usable.put(name, text);
    } else if (sha256.equals(pin)) {
      pinned.add(new Pinned(file, sha256, violations));
      usable.put(name, text);
    } else {
      String fix = pin == null
          ? " — remove it, or review the file and pin it: strongroom.templates.allow-unsafe.\"[" + relative
              + "]\": " + sha256
          : " — the file changed since it was pinned (pinned " + pin + ", now " + sha256 + "); review it again";
      violations.forEach(v -> refusals.add(new Refusal(file, v.line(), v.rule() + fix)));
    }
  }

  private List<Path> overrideFiles() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".html")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template folder " + folder, e);
    }
  }

  static Set<String> shippedTemplates() {
    Set<String> names = new HashSet<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
        String url = resource.getURL().toString();
        int at = url.lastIndexOf("templates/");
        names.add(url.substring(at + "templates/".length(), url.length() - ".html".length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the shipped templates", e);
    }
    return names;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
