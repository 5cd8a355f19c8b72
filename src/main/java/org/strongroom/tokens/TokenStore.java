package org.strongroom.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.core.Scope;

@Repository
class TokenStore {

  /** A token row joined with its owner's present state. */
  record Row(TokenInfo info, boolean ownerSuperuser, boolean ownerActive) {}

  private static final String SELECT = """
      select t.*, u.email, u.superuser, u.active from tokens t join users u on u.id = t.user_id
      """;

  private final JdbcClient jdbc;

  TokenStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, long userId, String name, String hash, Set<Scope> scopes,
      List<String> networks, Instant created, Instant expires) {
    jdbc.sql("""
        insert into tokens (id, user_id, name, token_hash, scopes, allowed_networks, created, expires)
        values (:id, :user, :name, :hash, :scopes, :networks, :created, :expires)""")
        .param("id", id).param("user", userId).param("name", name).param("hash", hash)
        .param("scopes", scopes.stream().map(Scope::value).collect(Collectors.joining(" ")))
        .param("networks", networks.isEmpty() ? null : String.join(" ", networks))
        .param("created", Timestamp.from(created))
        .param("expires", expires == null ? null : Timestamp.from(expires))
        .update();
  }

  Optional<Row> findByHash(String hash) {
    return jdbc.sql(SELECT + " where t.token_hash = :hash").param("hash", hash)
        .query(TokenStore::map).optional();
  }

  Optional<Row> findById(String id) {
    return jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(TokenStore::map).optional();
  }

  List<TokenInfo> list(Long userId) {
    String where = userId == null ? "" : " where t.user_id = :user";
    var statement = jdbc.sql(SELECT + where + " order by t.created, t.id");
    if (userId != null) {
      statement = statement.param("user", userId);
    }
    return statement.query(TokenStore::map).list().stream().map(Row::info).toList();
  }

  boolean revoke(String id, Instant now) {
    return jdbc.sql("update tokens set revoked = :now where id = :id and revoked is null")
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  void markUsed(String id, Instant now, String address) {
    jdbc.sql("update tokens set last_used = :now, last_used_address = :address where id = :id")
        .param("now", Timestamp.from(now)).param("address", address).param("id", id).update();
  }

  /**
   * Remembers that the token was used from this address; true when it is the first time.
   * Two first uses at once make the second insert fail with a duplicate key (its transaction
   * is then rolled back by the caller).
   */
  boolean recordAddress(String id, String address, Instant now) {
    boolean seen = jdbc.sql("select count(*) from token_addresses where token_id = :id and address = :address")
        .param("id", id).param("address", address).query(Long.class).single() > 0;
    if (seen) {
      return false;
    }
    jdbc.sql("insert into token_addresses (token_id, address, first_seen) values (:id, :address, :now)")
        .param("id", id).param("address", address).param("now", Timestamp.from(now)).update();
    return true;
  }

  private static Row map(ResultSet rs, int row) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    Arrays.stream(rs.getString("scopes").split(" ")).map(Scope::parse)
        .flatMap(Optional::stream).forEach(scopes::add);
    String networks = rs.getString("allowed_networks");
    TokenInfo info = new TokenInfo(rs.getString("id"), rs.getLong("user_id"), rs.getString("email"),
        rs.getString("name"), Set.copyOf(scopes),
        networks == null ? List.of() : List.of(networks.split(" ")),
        instant(rs, "created"), instant(rs, "expires"), instant(rs, "last_used"),
        rs.getString("last_used_address"), instant(rs, "revoked"));
    return new Row(info, rs.getBoolean("superuser"), rs.getBoolean("active"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
