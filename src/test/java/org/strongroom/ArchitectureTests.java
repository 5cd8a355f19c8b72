package org.strongroom;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Project rules that a reviewer could forget and a test never does. */
class ArchitectureTests {

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.strongroom");

  /** Every HTTP handler declares who may call it (as Dependency-Track requires). */
  @Test
  void everyHandlerDeclaresItsAccessRule() {
    methods().that().areAnnotatedWith(org.springframework.web.bind.annotation.RequestMapping.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.GetMapping.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.PostMapping.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.PutMapping.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.DeleteMapping.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.PatchMapping.class)
        .should().beAnnotatedWith(org.springframework.security.access.prepost.PreAuthorize.class)
        .orShould().beAnnotatedWith(jakarta.annotation.security.PermitAll.class)
        .orShould().beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
        .because("deny by default: a new endpoint must say who may call it")
        .check(CLASSES);
  }

  /** Controllers stay package-private: a feature's web layer is not its API. */
  @Test
  void controllersArePackagePrivate() {
    classes()
        .that().areAnnotatedWith(org.springframework.stereotype.Controller.class)
        .or().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
        .should().notBePublic().check(CLASSES);
  }

  /** web's own filters and the shared base class are the only ones not owned by a feature. */
  static final DescribedPredicate<JavaClass> OTHER_FEATURES =
      resideInAPackage("org.strongroom..").and(DescribedPredicate.not(
          resideInAnyPackage("org.strongroom.web..", "org.strongroom.core..")));

  /**
   * A feature's servlet filters are its internals: package-private, handed to the security
   * chains through the feature's facade ({@code AccountSecurity}, {@code TokenSecurity},
   * {@code RateLimiting}, …) or registered by the feature itself.
   */
  @Test
  void featureFiltersAreNotPublic() {
    classes().that(assignableTo(jakarta.servlet.Filter.class).and(OTHER_FEATURES))
        .should().notBePublic()
        .because("the chains take a feature's filters through its security facade, not by constructing them")
        .check(CLASSES);
  }

  /**
   * The security chains are composed in web from the features' facades only: web names no
   * filter of another feature and nothing in another feature's sub-packages (its internals).
   */
  @Test
  void webReachesOtherFeaturesSecurityOnlyThroughTheirFacades() {
    noClasses().that().resideInAPackage("org.strongroom.web..")
        .should().dependOnClassesThat(assignableTo(jakarta.servlet.Filter.class).and(OTHER_FEATURES))
        .orShould().dependOnClassesThat(resideInAPackage("org.strongroom.*.*..").and(OTHER_FEATURES))
        .because("each feature contributes to the chains through one facade in its API package")
        .check(CLASSES);
  }

  /** Only sanitised HTML may be written unescaped, and pages run no inline script without a nonce. */
  @Test
  void templatesEscapeOutputAndCarryNoInlineScripts() throws IOException {
    // The record page and the form (preview, current version in a conflict): Markdown through MarkdownRenderer.
    List<String> allowedUnescaped = List.of("records/detail.html", "records/form.html");
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)(?![^>]*nonce)[^>]*>");
    Pattern inlineHandler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Path root = Path.of("src/main/resources/templates");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        String name = root.relativize(file).toString();
        String html = Files.readString(file);
        if (!allowedUnescaped.contains(name)) {
          assertThat(html).as(name).doesNotContain("th:utext");
        }
        assertThat(inlineScript.matcher(html).find()).as(name + " has an inline <script> without a nonce").isFalse();
        assertThat(inlineHandler.matcher(html).find()).as(name + " has an inline event handler").isFalse();
        assertThat(html).as(name + " has an inline style").doesNotContain(" style=\"").doesNotContain("<style");
      }
    }
  }
}
