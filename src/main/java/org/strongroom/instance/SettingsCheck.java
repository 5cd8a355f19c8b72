package org.strongroom.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.strongroom.core.DataSizes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds every {@code @ConfigurationProperties} record once before the application starts, so
 * that a wrong value stops every command at once, before a database is opened or a port
 * bound, rather than whenever the bean using it happens to be created.
 */
public class SettingsCheck implements ApplicationListener<ApplicationPreparedEvent> {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
    ClassLoader loader = event.getSpringApplication().getClassLoader();
    ApplicationConversionService conversion = new ApplicationConversionService();
    conversion.addConverter(new DataSizes());
    Binder binder = new Binder(ConfigurationPropertySources.get(environment),
        new PropertySourcesPlaceholdersResolver(environment), conversion);
    for (Class<?> type : recordTypes(loader)) {
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      binder.bindOrCreate(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
    }
  }

  private static Set<Class<?>> recordTypes(ClassLoader loader) {
    Set<Class<?>> types = new LinkedHashSet<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      for (URL url : Collections.list(loader.getResources(METADATA))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode group : json.readTree(in).path("groups")) {
            String name = group.path("name").asString("");
            String type = group.path("type").asString("");
            if (!name.startsWith("strongroom") || !ClassUtils.isPresent(type, loader)) {
              continue;
            }
            Class<?> candidate = ClassUtils.resolveClassName(type, loader);
            if (candidate.isRecord() && candidate.isAnnotationPresent(ConfigurationProperties.class)) {
              types.add(candidate);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the configuration metadata", e);
    }
    return types;
  }
}
