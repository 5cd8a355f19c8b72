package org.strongroom.accounts.session;

import jakarta.servlet.Filter;
import org.springframework.stereotype.Component;

/** The per-request session check, as the chains take it (through {@code accounts.AccountSecurity}). */
@Component
public class SessionChecks {

  private final SessionValidationFilter validation;

  SessionChecks(SessionValidationFilter validation) {
    this.validation = validation;
  }

  public Filter validationFilter() {
    return validation;
  }
}
