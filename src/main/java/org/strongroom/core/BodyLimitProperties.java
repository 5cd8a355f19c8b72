package org.strongroom.core;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body. Read by the perimeter (every request) and by file uploads (which
 * stream, so they check it again while reading); one owner here so both see the same value.
 *
 * @param maxContentLength largest request body, files included; IEC ({@code 100MiB}) or
 *                         Spring ({@code 100MB}) units, both meaning 2^20 bytes per MB/MiB
 */
@ConfigurationProperties(prefix = "strongroom")
public record BodyLimitProperties(@DefaultValue("100MiB") DataSize maxContentLength) {

  public BodyLimitProperties {
    if (maxContentLength == null) {
      maxContentLength = DataSize.ofMegabytes(100);
    }
    if (maxContentLength.toBytes() <= 0) {
      throw new IllegalArgumentException("strongroom.max-content-length must be positive, e.g. 100MiB");
    }
  }
}
