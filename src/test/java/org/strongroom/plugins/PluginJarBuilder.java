package org.strongroom.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a plugin class against the server's classes and packs it into a real jar. */
final class PluginJarBuilder {

  private PluginJarBuilder() {}

  /**
   * @param className    fully qualified, e.g. {@code test.AuditMirror}
   * @param source       its Java source
   * @param serviceEntry whether the jar lists it in META-INF/services
   */
  static byte[] build(String className, String source, String version, boolean serviceEntry) {
    try {
      Path work = Files.createTempDirectory("plugin-src");
      Path file = work.resolve(className.replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      Path classes = Files.createDirectories(work.resolve("classes"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StringWriter errors = new StringWriter();
      boolean ok = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-classpath",
          Path.of("target/classes").toAbsolutePath().toString(), "--release", "17"), null,
          javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
      if (!ok) {
        throw new IllegalStateException("the test plugin does not compile: " + errors);
      }
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JarOutputStream jar = new JarOutputStream(bytes, manifest); Stream<Path> walk = Files.walk(classes)) {
        for (Path compiled : walk.filter(Files::isRegularFile).sorted().toList()) {
          jar.putNextEntry(new JarEntry(classes.relativize(compiled).toString().replace('\\', '/')));
          jar.write(Files.readAllBytes(compiled));
          jar.closeEntry();
        }
        if (serviceEntry) {
          jar.putNextEntry(new JarEntry(PluginJars.SERVICE_ENTRY));
          jar.write((className + "\n").getBytes(StandardCharsets.UTF_8));
          jar.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    return PluginJars.sha256(bytes);
  }

  /** A plugin with the given name whose body is {@code members}. */
  static String source(String simpleName, String pluginName, String members) {
    return """
        package test;

        import java.util.*;
        import org.strongroom.plugins.*;

        public class %s implements StrongroomPlugin {
          @Override public String name() { return "%s"; }
          %s
        }
        """.formatted(simpleName, pluginName, members);
  }
}
