package org.strongroom.secrets;

import java.util.regex.Pattern;

/**
 * A database column holding values sealed by {@link SecretBox}. A feature that stores such
 * values declares its column as a bean, e.g.
 * {@code @Bean SealedColumn totpSeeds() { return new SealedColumn("totp", "user_id", "seed", "totp"); }},
 * and {@code strongroom instance migrate-secret-key} re-encrypts it with all the others.
 *
 * @param table    table name
 * @param idColumn a column that identifies the row (primary key)
 * @param column   the column with the sealed value (nullable rows are skipped)
 * @param purpose  the purpose the values were sealed for
 */
@org.springframework.modulith.NamedInterface("sealing")
public record SealedColumn(String table, String idColumn, String column, String purpose) {

  /** Names are put into SQL as they are, so only plain identifiers are accepted. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public SealedColumn {
    for (String name : new String[] {table, idColumn, column}) {
      if (name == null || !IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("Not a plain lower-case SQL identifier: " + name);
      }
    }
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("A sealed column needs the purpose its values were sealed for");
    }
  }

  @Override
  public String toString() {
    return table + "." + column + " (" + purpose + ")";
  }
}
