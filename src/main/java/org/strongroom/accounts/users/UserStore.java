package org.strongroom.accounts.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.strongroom.accounts.UserAccount;

@Repository
public class UserStore {

  /** A user row. {@code totpSeed} is sealed (never the clear seed). */
  public record StoredUser(UserAccount account, String passwordHash, int sessionEpoch, String totpSeed,
      Long totpLastStep) {

    public boolean totpEnabled() {
      return totpSeed != null;
    }

    @Override
    public String toString() {
      return "StoredUser[id=" + account.id() + "]";
    }
  }

  /** What every request made with a session is checked against. */
  public record SessionFacts(int sessionEpoch, boolean active, boolean superuser, boolean totpEnabled) {}

  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long insert(String email, String passwordHash, boolean superuser, Instant now) {
    var keys = new GeneratedKeyHolder();
    jdbc.sql("""
        insert into users (email, password_hash, superuser, active, created, password_changed)
        values (:email, :hash, :superuser, true, :now, :now)""")
        .param("email", email).param("hash", passwordHash).param("superuser", superuser)
        .param("now", Timestamp.from(now))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public Optional<StoredUser> findByEmail(String email) {
    return jdbc.sql("select * from users where email = :email").param("email", email)
        .query(UserStore::map).optional();
  }

  public Optional<StoredUser> findById(long id) {
    return jdbc.sql("select * from users where id = :id").param("id", id)
        .query(UserStore::map).optional();
  }

  public Optional<SessionFacts> sessionFacts(long id) {
    return jdbc.sql("select session_epoch, active, superuser, totp_seed from users where id = :id")
        .param("id", id)
        .query((rs, row) -> new SessionFacts(rs.getInt("session_epoch"), rs.getBoolean("active"),
            rs.getBoolean("superuser"), rs.getString("totp_seed") != null))
        .optional();
  }

  /** Users whose e-mail address contains {@code text} (any case), by address, at most {@code limit}. */
  public java.util.List<StoredUser> search(String text, int limit) {
    String escaped = text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return jdbc.sql("select * from users where lower(email) like :pattern escape '!' order by email fetch first "
            + limit + " rows only")
        .param("pattern", "%" + escaped + "%").query(UserStore::map).list();
  }

  /** Only an account with a password can be asked for a new one (else it would be confined for ever). */
  public boolean passwordResetRequired(long id) {
    return jdbc.sql("select password_reset_required from users where id = :id and password_hash is not null")
        .param("id", id).query(Boolean.class).optional().orElse(false);
  }

  /**
   * Asks the user to choose a new password, and ends their sessions so that they sign in again;
   * false, and nothing changed, for an account without a password.
   */
  public boolean requirePasswordReset(long id) {
    return jdbc.sql("""
        update users set password_reset_required = true, session_epoch = session_epoch + 1
        where id = :id and password_hash is not null""")
        .param("id", id).update() == 1;
  }

  public java.util.List<StoredUser> listAll(int limit) {
    return jdbc.sql("select * from users order by email").query(UserStore::map).list().stream().limit(limit).toList();
  }

  /** Active superusers without TOTP (they may have another second factor, which this table does not hold). */
  public java.util.List<Long> activeSuperusersWithoutTotp() {
    return jdbc.sql("select id from users where superuser = true and active = true and totp_seed is null")
        .query(Long.class).list();
  }

  public long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  /** Sets the new hash and ends every session of the user. */
  public void updatePassword(long id, String passwordHash, Instant now) {
    jdbc.sql("""
        update users set password_hash = :hash, password_changed = :now, session_epoch = session_epoch + 1,
            password_reset_required = false
        where id = :id""")
        .param("hash", passwordHash).param("now", Timestamp.from(now)).param("id", id).update();
  }

  /** Ends every session of the user (checked on each of their requests, by every instance). */
  public boolean endSessions(long id) {
    return jdbc.sql("update users set session_epoch = session_epoch + 1 where id = :id").param("id", id).update() == 1;
  }

  /** Grants or withdraws the superuser role; true if that changed anything (then every session of the user ends). */
  public boolean setSuperuser(long id, boolean superuser) {
    return jdbc.sql("update users set superuser = :superuser, session_epoch = session_epoch + 1"
            + " where id = :id and superuser <> :superuser")
        .param("superuser", superuser).param("id", id).update() == 1;
  }

  /** Enables or disables the account; either way every session of the user ends. */
  public boolean setActive(long id, boolean active) {
    return jdbc.sql("update users set active = :active, session_epoch = session_epoch + 1 where id = :id")
        .param("active", active).param("id", id).update() == 1;
  }

  public void setTotp(long id, String sealedSeed, Long lastStep) {
    jdbc.sql("update users set totp_seed = :seed, totp_last_step = :step where id = :id")
        .param("seed", sealedSeed).param("step", lastStep).param("id", id).update();
  }

  /** Records that a TOTP time step was used; false if it (or a later one) already was. */
  public boolean claimTotpStep(long id, long step) {
    return jdbc.sql("""
        update users set totp_last_step = :step
        where id = :id and totp_seed is not null and (totp_last_step is null or totp_last_step < :step)""")
        .param("step", step).param("id", id).update() == 1;
  }

  private static StoredUser map(ResultSet rs, int row) throws SQLException {
    long lastStep = rs.getLong("totp_last_step");
    Long step = rs.wasNull() ? null : lastStep;
    return new StoredUser(new UserAccount(rs.getLong("id"), rs.getString("email"),
        rs.getBoolean("superuser"), rs.getBoolean("active"),
        rs.getTimestamp("created").toInstant()), rs.getString("password_hash"),
        rs.getInt("session_epoch"), rs.getString("totp_seed"), step);
  }
}
