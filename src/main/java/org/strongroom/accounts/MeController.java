package org.strongroom.accounts;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("isAuthenticated()")
  Map<String, Object> me() {
    Caller caller = Callers.current().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", caller.userId());
    body.put("email", caller.email());
    body.put("roles", caller.superuser() ? List.of("user", "superuser") : List.of("user"));
    body.put("auth_method", caller.authMethod());
    body.put("scopes", Arrays.stream(Scope.values()).filter(caller::hasScope).map(Scope::value).toList());
    return body;
  }
}
