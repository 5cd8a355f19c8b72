package org.strongroom.advisories;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An offline OSV export: one JSON file (a record or an array of records), a folder of them
 * (searched recursively), or an ecosystem's {@code all.zip}. Records are read one at a time,
 * so a whole ecosystem's dump never sits in memory at once.
 */
final class OsvDatabase {

  private OsvDatabase() {}

  static void read(Path path, Consumer<OsvRecord> sink) {
    if (!Files.exists(path)) {
      throw new AdvisoryDatabaseException("the advisory database " + path + " does not exist; "
          + "give an OSV JSON file, a folder of them, or an ecosystem's all.zip");
    }
    if (Files.isDirectory(path)) {
      readFolder(path, sink);
    } else if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      readZip(path, sink);
    } else {
      readFile(path, sink);
    }
  }

  private static void readFolder(Path folder, Consumer<OsvRecord> sink) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).filter(OsvDatabase::isOsvFile).sorted().toList();
    } catch (IOException e) {
      throw new AdvisoryDatabaseException("cannot read the advisory folder " + folder + ": " + e.getMessage());
    }
    for (Path file : files) {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        readZip(file, sink);
      } else {
        readFile(file, sink);
      }
    }
  }

  private static boolean isOsvFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".zip");
  }

  private static void readFile(Path file, Consumer<OsvRecord> sink) {
    try (InputStream in = Files.newInputStream(file)) {
      parse(in, file.toString(), sink);
    } catch (IOException e) {
      throw new AdvisoryDatabaseException("cannot read the advisory file " + file + ": " + e.getMessage());
    }
  }

  private static void readZip(Path zip, Consumer<OsvRecord> sink) {
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : archive.stream().filter(e -> !e.isDirectory())
          .filter(e -> e.getName().toLowerCase(Locale.ROOT).endsWith(".json")).toList()) {
        try (InputStream in = archive.getInputStream(entry)) {
          parse(in, zip + "!/" + entry.getName(), sink);
        }
      }
    } catch (IOException e) {
      throw new AdvisoryDatabaseException("cannot read the advisory archive " + zip + ": " + e.getMessage());
    }
  }

  private static void parse(InputStream in, String source, Consumer<OsvRecord> sink) {
    JsonNode root;
    try {
      root = JsonMapper.shared().readTree(in);
    } catch (JacksonException e) {
      throw new AdvisoryDatabaseException(source + " is not an OSV JSON record: " + firstLine(e.getOriginalMessage()));
    }
    if (root != null && root.isArray()) {
      root.forEach(node -> sink.accept(record(node, source)));
    } else {
      sink.accept(record(root, source));
    }
  }

  private static OsvRecord record(JsonNode node, String source) {
    if (node == null || !node.isObject() || !node.path("id").isString()) {
      throw new AdvisoryDatabaseException(source + " is not an OSV JSON record (no \"id\")");
    }
    return OsvRecord.of(node);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
