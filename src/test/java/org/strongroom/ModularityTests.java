package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;
import org.strongroom.support.GeneratedDocument;

/**
 * The walls between features. Each feature's {@code package-info.java} declares the modules,
 * and the named interfaces of them, that it may use ({@code allowedDependencies}); Spring
 * Modulith's {@code verify()} refuses any other use, any cycle, and any reach into a type a
 * module does not expose. The tests beside it keep the declarations honest: every module
 * declares, a module that names interfaces is reached only through them, and nothing is
 * declared that is not used.
 */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(StrongroomApplication.class);

  static final Path DIAGRAMS = Path.of("docs/development/modules");
  static final String REGENERATE = "./mvnw -q test -Dtest=ModularityTests -D" + GeneratedDocument.WRITE_PROPERTY + "=true";

  @Test
  void featuresKeepTheirBoundaries() {
    MODULES.verify();
  }

  @Test
  void everyModuleDeclaresWhatItMayUse() {
    for (ApplicationModule module : MODULES) {
      assertThat(declared(module)).as("allowedDependencies of %s (its package-info.java)", name(module))
          .doesNotContain(org.springframework.modulith.ApplicationModule.OPEN_TOKEN);
    }
  }

  /**
   * A module that names the parts it offers ({@code @NamedInterface} on its API types) is used
   * through those names only: {@code "accounts"} alone would open all its public types again.
   */
  @Test
  void aModuleWithNamedInterfacesIsReachedOnlyThroughThem() {
    for (ApplicationModule module : MODULES) {
      for (String entry : declared(module)) {
        ApplicationModule target = target(module, entry);
        if (!entry.contains("::")) {
          assertThat(target.getNamedInterfaces().hasExplicitInterfaces())
              .as("%s declares '%s', but %s offers named interfaces %s: name the one it uses", name(module), entry,
                  name(target), target.getNamedInterfaces().stream().filter(NamedInterface::isNamed)
                      .map(NamedInterface::getName).toList())
              .isFalse();
        }
      }
    }
  }

  /** A declaration that nothing uses any more goes, so that the declarations stay a true map. */
  @Test
  void everyDeclaredDependencyIsUsed() {
    for (ApplicationModule module : MODULES) {
      List<ApplicationModuleDependency> uses = module.getDirectDependencies(MODULES).stream().toList();
      for (String entry : declared(module)) {
        ApplicationModule target = target(module, entry);
        NamedInterface through = entry.contains("::")
            ? target.getNamedInterfaces().getByName(entry.substring(entry.indexOf("::") + 2).strip()).orElseThrow()
            : target.getNamedInterfaces().getUnnamedInterface();
        assertThat(uses).as("%s declares '%s' but uses nothing of it", name(module), entry)
            .anyMatch(use -> use.getTargetModule().equals(target) && through.contains(use.getTargetType()));
      }
    }
  }

  /**
   * The diagrams in docs/development/modules are Spring Modulith's, generated from the code;
   * compared line by line regardless of order (the generator's order is not fixed), and
   * rewritten with {@code -Dstrongroom.docs.write=true}.
   */
  @Test
  void moduleDiagramsAreCurrent() throws IOException {
    Path generated = Path.of("target/modulith-docs");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    Map<String, String> now = pumlFiles(generated);
    if (Boolean.getBoolean(GeneratedDocument.WRITE_PROPERTY)) {
      for (String stale : pumlFiles(DIAGRAMS).keySet()) {
        Files.delete(DIAGRAMS.resolve(stale));
      }
      for (Map.Entry<String, String> diagram : now.entrySet()) {
        Files.writeString(DIAGRAMS.resolve(diagram.getKey()), diagram.getValue(), StandardCharsets.UTF_8);
      }
      return;
    }
    Map<String, String> committed = pumlFiles(DIAGRAMS);
    assertThat(committed.keySet()).as("diagrams in %s; regenerate with %s", DIAGRAMS, REGENERATE)
        .isEqualTo(now.keySet());
    for (String file : now.keySet()) {
      if (!sortedLines(committed.get(file)).equals(sortedLines(now.get(file)))) {
        fail(DIAGRAMS.resolve(file) + " is stale: run " + REGENERATE + " and commit the result");
      }
    }
  }

  private static Map<String, String> pumlFiles(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.filter(f -> f.getFileName().toString().endsWith(".puml")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static List<String> sortedLines(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
  }

  /** The {@code allowedDependencies} of a module's {@code package-info.java}, as written. */
  static List<String> declared(ApplicationModule module) {
    try {
      Class<?> packageInfo = Class.forName(module.getBasePackage().getName() + ".package-info");
      org.springframework.modulith.ApplicationModule annotation =
          packageInfo.getAnnotation(org.springframework.modulith.ApplicationModule.class);
      return annotation == null ? List.of(org.springframework.modulith.ApplicationModule.OPEN_TOKEN)
          : List.of(annotation.allowedDependencies());
    } catch (ClassNotFoundException noPackageInfo) {
      return List.of(org.springframework.modulith.ApplicationModule.OPEN_TOKEN);
    }
  }

  private static ApplicationModule target(ApplicationModule module, String entry) {
    String name = entry.contains("::") ? entry.substring(0, entry.indexOf("::")).strip() : entry.strip();
    return MODULES.getModuleByName(name)
        .orElseThrow(() -> new AssertionError(name(module) + " declares '" + entry + "': no such module"));
  }

  private static String name(ApplicationModule module) {
    return module.getIdentifier().toString();
  }
}
