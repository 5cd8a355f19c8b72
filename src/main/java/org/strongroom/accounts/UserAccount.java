package org.strongroom.accounts;

import java.time.Instant;

/** A user as other features see it: no password hash. */
@org.springframework.modulith.NamedInterface("api")
public record UserAccount(long id, String email, boolean superuser, boolean active, Instant created) {}
