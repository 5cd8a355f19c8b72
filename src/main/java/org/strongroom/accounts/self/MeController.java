package org.strongroom.accounts.self;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.core.Scope;

/** {@code GET /api/me}: who the API thinks the caller is, and what they may do. */
@RestController
class MeController {

  @JsonPropertyOrder({"id", "email", "roles", "auth_method", "scopes"})
  record Me(long id, String email, List<String> roles, @JsonProperty("auth_method") String authMethod,
      List<String> scopes) {}

  @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("isAuthenticated()")
  Me me() {
    Caller caller = Callers.current().orElseThrow();
    return new Me(caller.userId(), caller.email(),
        caller.superuser() ? List.of("user", "superuser") : List.of("user"), caller.authMethod(),
        Arrays.stream(Scope.values()).filter(caller::hasScope).map(Scope::value).toList());
  }
}
