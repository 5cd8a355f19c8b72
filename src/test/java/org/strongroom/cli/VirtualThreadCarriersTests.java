package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class VirtualThreadCarriersTests {

  @Test
  void withoutAChoiceTheSchedulerGetsFourCarriersPerCore() {
    Properties properties = new Properties();
    VirtualThreadCarriers.applyDefault(properties, 2);
    assertThat(properties.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("8");
  }

  @Test
  void anOperatorsChoiceIsKept() {
    Properties properties = new Properties();
    properties.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
    VirtualThreadCarriers.applyDefault(properties, 2);
    assertThat(properties.getProperty("jdk.virtualThreadScheduler.parallelism")).isEqualTo("2");
  }
}
