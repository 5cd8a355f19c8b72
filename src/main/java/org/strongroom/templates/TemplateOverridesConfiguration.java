package org.strongroom.templates;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.strongroom.instance.InvalidConfiguration;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Serves the overrides that passed the rules, ahead of the shipped templates; a served
 * instance does not start while any override is refused.
 */
@Configuration(proxyBeanMethods = false)
class TemplateOverridesConfiguration {

  /** Only the checked names resolve here, to the checked text: a file changed after start-up is never read. */
  @Bean
  CheckedTemplateResolver instanceTemplateResolver(TemplateOverrides overrides) {
    CheckedTemplateResolver resolver = new CheckedTemplateResolver(overrides.checkedSources());
    resolver.setName("instance templates");
    resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    // An empty pattern set would match every name.
    resolver.setResolvablePatterns(overrides.usable().isEmpty() ? java.util.Set.of("\0none") : overrides.usable());
    return resolver;
  }

  @Bean
  @ConditionalOnWebApplication
  SmartInitializingSingleton templateOverridesGate(TemplateOverrides overrides) {
    return () -> {
      List<TemplateOverrides.Refusal> refusals = overrides.refusals();
      if (!refusals.isEmpty()) {
        // An operator's file to correct: one line (file, line, fix), no stack trace, exit 2.
        throw new InvalidConfiguration(refusals.get(0).text() + (refusals.size() > 1
            ? " (and " + (refusals.size() - 1) + " more: strongroom instance check --deploy lists them)" : ""));
      }
    };
  }
}
