package org.strongroom.sso;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table of identities linked to local accounts: one row per (issuer, subject). */
@Repository
class SsoIdentities {

  record Identity(long id, long userId, String provider, String issuer, String subject, String email,
      Instant created, Instant lastLogin) {}

  private final JdbcClient jdbc;

  SsoIdentities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Identity> find(String issuer, String subject) {
    return jdbc.sql("select * from sso_identities where issuer = :issuer and subject = :subject")
        .param("issuer", issuer).param("subject", subject).query(SsoIdentities::map).optional();
  }

  List<Identity> forUser(long userId) {
    return jdbc.sql("select * from sso_identities where user_id = :user order by created")
        .param("user", userId).query(SsoIdentities::map).list();
  }

  void link(long userId, String provider, String issuer, String subject, String email, Instant now) {
    jdbc.sql("""
        insert into sso_identities (user_id, provider, issuer, subject, email, created, last_login)
        values (:user, :provider, :issuer, :subject, :email, :now, :now)""")
        .param("user", userId).param("provider", provider).param("issuer", issuer).param("subject", subject)
        .param("email", email).param("now", Timestamp.from(now)).update();
  }

  void recordLogin(long id, String email, Instant now) {
    jdbc.sql("update sso_identities set last_login = :now, email = :email where id = :id")
        .param("now", Timestamp.from(now)).param("email", email).param("id", id).update();
  }

  /** Removes the user's own link; false if it is not theirs (or gone). */
  boolean unlink(long id, long userId) {
    return jdbc.sql("delete from sso_identities where id = :id and user_id = :user")
        .param("id", id).param("user", userId).update() == 1;
  }

  private static Identity map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp last = rs.getTimestamp("last_login");
    return new Identity(rs.getLong("id"), rs.getLong("user_id"), rs.getString("provider"), rs.getString("issuer"),
        rs.getString("subject"), rs.getString("email"), rs.getTimestamp("created").toInstant(),
        last == null ? null : last.toInstant());
  }
}
