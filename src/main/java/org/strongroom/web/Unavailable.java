package org.strongroom.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means that the database could not be reached (down, restarting, the pool
 * timed out waiting for a connection), as opposed to a fault in the request or in our code:
 * such requests are answered {@code 503} so that clients and proxies retry, never {@code 500}.
 */
final class Unavailable {

  static final String MESSAGE = "The service is temporarily unavailable; try again shortly";
  static final String RETRY_AFTER_SECONDS = "5";

  private Unavailable() {}

  static boolean check(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException
          || cause instanceof TransientDataAccessResourceException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
        return true;
      }
      // A rollback that failed after the connection broke hides the failure that caused it.
      if (cause instanceof TransactionSystemException system && system.getApplicationException() != null
          && system.getApplicationException() != e && check(system.getApplicationException())) {
        return true;
      }
      // Rolling back (or committing) failed at the JDBC level and no translator knew the state:
      // the connection broke under the transaction; the failure that caused it was only logged.
      if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
