package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are answered 503 (the database is away) rather than 500. */
class UnavailableTests {

  @Test
  void aConnectionFailureIsUnavailable() {
    assertThat(Unavailable.check(new DataAccessResourceFailureException("JDBC commit",
        new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
    assertThat(Unavailable.check(new IllegalStateException(new SQLException("gone", "08003")))).isTrue();
  }

  @Test
  void aRollbackThatFailedOnABrokenConnectionIsUnavailable() {
    // What Spring throws when the commit failed because PostgreSQL went away and the rollback
    // then found Hikari's connection closed: the commit's failure is only logged.
    TransactionSystemException rollbackFailed =
        new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(Unavailable.check(rollbackFailed)).isTrue();
  }

  @Test
  void faultsInTheRequestOrCodeAreNot() {
    assertThat(Unavailable.check(new DataIntegrityViolationException("duplicate key",
        new SQLException("duplicate", "23505")))).isFalse();
    assertThat(Unavailable.check(new IllegalStateException("bug"))).isFalse();
    assertThat(Unavailable.check(new TransactionSystemException("no SQL cause"))).isFalse();
  }
}
