package org.strongroom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.unit.DataSize;

/** Sizes in SPEC's IEC units and in Spring's, which mean the same powers of 1024. */
class DataSizesTests {

  @Test
  void iecAndSpringUnitsAreTheSameSize() {
    assertThat(DataSizes.parse("100MiB")).isEqualTo(DataSize.ofMegabytes(100)).isEqualTo(DataSizes.parse("100MB"));
    assertThat(DataSizes.parse("1MiB").toBytes()).isEqualTo(1_048_576);
    assertThat(DataSizes.parse("512KiB")).isEqualTo(DataSize.ofKilobytes(512));
    assertThat(DataSizes.parse("10GiB")).isEqualTo(DataSize.ofGigabytes(10));
    assertThat(DataSizes.parse("1TiB")).isEqualTo(DataSize.ofTerabytes(1));
    assertThat(DataSizes.parse(" 2 mib ")).isEqualTo(DataSize.ofMegabytes(2));
    assertThat(DataSizes.parse("1024")).isEqualTo(DataSize.ofBytes(1024));
  }

  @Test
  void anythingElseIsRefusedWithTheFormsAccepted() {
    assertThatThrownBy(() -> DataSizes.parse("lots")).hasMessage("'lots' is not a size; write e.g. 100MiB, 100MB, "
        + "512KiB or 1024 (bytes)");
    assertThatThrownBy(() -> DataSizes.parse("1PiB")).hasMessageContaining("is not a size");
  }

  @Test
  void maxContentLengthBindsIecUnitsAndDefaultsTo100MiB() {
    ApplicationConversionService conversion = new ApplicationConversionService();
    conversion.addConverter(new DataSizes());
    Binder binder = new Binder(java.util.List.of(new MapConfigurationPropertySource(Map.of("strongroom.max-content-length", "1MiB"))),
        null, conversion);
    assertThat(binder.bindOrCreate("strongroom", BodyLimitProperties.class).maxContentLength())
        .isEqualTo(DataSize.ofMegabytes(1));
    Binder empty = new Binder(java.util.List.of(new MapConfigurationPropertySource(Map.of())), null, conversion);
    assertThat(empty.bindOrCreate("strongroom", BodyLimitProperties.class).maxContentLength())
        .isEqualTo(DataSize.ofMegabytes(100));
  }
}
