package org.strongroom.templates;

import java.util.Set;

final class OverrideRulesTestsSupport {

  private OverrideRulesTestsSupport() {}

  static Set<String> shipped() {
    return TemplateOverrides.shippedTemplates();
  }
}
