package org.strongroom.web;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.strongroom.core.BodyLimitProperties;

/** Multipart bodies are parsed by the container itself: the same limit as every other body. */
@Configuration(proxyBeanMethods = false)
class MultipartLimits {

  @Bean
  MultipartConfigElement multipartConfigElement(BodyLimitProperties limits) {
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setMaxFileSize(limits.maxContentLength());
    factory.setMaxRequestSize(limits.maxContentLength());
    return factory.createMultipartConfig();
  }
}
