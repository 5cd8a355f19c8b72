package org.strongroom.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserStore {

  record StoredUser(UserAccount account, String passwordHash) {}

  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String email, String passwordHash, boolean superuser, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into users (email, password_hash, superuser, active, created, password_changed)
        values (:email, :hash, :superuser, true, :now, :now)""")
        .param("email", email).param("hash", passwordHash).param("superuser", superuser)
        .param("now", Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<StoredUser> findByEmail(String email) {
    return jdbc.sql("select * from users where email = :email").param("email", email)
        .query(UserStore::map).optional();
  }

  Optional<StoredUser> findById(long id) {
    return jdbc.sql("select * from users where id = :id").param("id", id)
        .query(UserStore::map).optional();
  }

  long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  private static StoredUser map(ResultSet rs, int row) throws SQLException {
    return new StoredUser(new UserAccount(rs.getLong("id"), rs.getString("email"),
        rs.getBoolean("superuser"), rs.getBoolean("active"),
        rs.getTimestamp("created").toInstant()), rs.getString("password_hash"));
  }
}
