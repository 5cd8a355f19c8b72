package org.strongroom.templates;

import java.util.Map;

import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * Serves the override texts exactly as they were checked at start-up, from memory: a file
 * edited or swapped afterwards is never read, so nothing unchecked is ever rendered.
 */
class CheckedTemplateResolver extends AbstractConfigurableTemplateResolver {

  private final Map<String, String> checked;

  CheckedTemplateResolver(Map<String, String> checked) {
    this.checked = Map.copyOf(checked);
  }

  @Override
  protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
      String template, String resourceName, String characterEncoding, Map<String, Object> attributes) {
    String source = checked.get(template);
    return source == null ? null : new StringTemplateResource(source);
  }
}
