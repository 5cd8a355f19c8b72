package org.strongroom.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads sizes written with IEC units ({@code 100MiB}, {@code 10GiB}, {@code 512KiB}) as well as
 * Spring's ({@code 100MB}, {@code 512KB}, {@code 1024B}, or a plain number of bytes). Spring's
 * units are already powers of 1024, so {@code 1MiB} and {@code 1MB} are the same 1,048,576 bytes.
 */
@Component
@ConfigurationPropertiesBinding
public class DataSizes implements Converter<String, DataSize> {

  private static final Pattern IEC = Pattern.compile("^\\s*([+-]?\\d+)\\s*([KMGT])iB\\s*$", Pattern.CASE_INSENSITIVE);

  @Override
  public DataSize convert(String text) {
    return parse(text);
  }

  /** Parses one size; refuses anything else with the accepted forms in the message. */
  public static DataSize parse(String text) {
    Matcher iec = IEC.matcher(text);
    String spring = iec.matches() ? iec.group(1) + iec.group(2).toUpperCase(Locale.ROOT) + "B" : text.strip();
    try {
      return DataSize.parse(spring);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 100MiB, 100MB, 512KiB or 1024 "
          + "(bytes)");
    }
  }
}
