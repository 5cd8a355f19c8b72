package org.strongroom.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfiguration {

  @Bean
  ApiClient apiClient(org.springframework.core.env.Environment environment) {
    return new ApiClient(environment);
  }

  @Bean
  TestUsers testUsers(org.strongroom.accounts.Accounts accounts, org.strongroom.tokens.OperatorTokens tokens) {
    return new TestUsers(accounts, tokens);
  }
}
