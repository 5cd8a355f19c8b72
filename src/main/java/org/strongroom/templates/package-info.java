/**
 * Page template overrides (docs/operations/plugins-and-templates.md):
 * {@code instance/templates/<name>.html} replaces the shipped template of that name, once {@link org.strongroom.templates.TemplateRules} finds
 * nothing in it that could turn data into code or markup (unescaped output, preprocessing,
 * type or constructor expressions, fragments from outside the template folder, inline script
 * or event handlers), or its SHA-256 is pinned in {@code strongroom.templates.allow-unsafe}.
 * A template runs with the server's full rights.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "instance :: deploy-checks", "instance :: layout", "instance :: setup"})
package org.strongroom.templates;
