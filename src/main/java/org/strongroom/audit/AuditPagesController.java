package org.strongroom.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.ApiException;

/**
 * {@code /admin/audit}: the newest audit entries, filtered by who (e-mail), what (action, or
 * its beginning such as {@code user.}) and when (days, UTC), with the chain's verification
 * status of the database chain checked on every view ({@code strongroom audit verify} also
 * compares the JSON-lines file on the server).
 */
@Controller
@RequiresSudo
class AuditPagesController {

  static final int SHOWN = 200;

  record Row(long id, String time, String actor, String client, String action, String target, String outcome,
      String details) {}

  private final AuditStore store;
  private final AuditVerifier verifier;
  private final Accounts accounts;

  AuditPagesController(AuditStore store, AuditVerifier verifier, Accounts accounts) {
    this.store = store;
    this.verifier = verifier;
    this.accounts = accounts;
  }

  @GetMapping("/admin/audit")
  @PreAuthorize("hasRole('SUPERUSER')")
  String page(@RequestParam(defaultValue = "") String who, @RequestParam(defaultValue = "") String what,
      @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model) {
    String email = bounded(who);
    String action = bounded(what);
    Long actor = null;
    List<Row> rows = List.of();
    boolean unknownUser = false;
    if (!email.isEmpty()) {
      Optional<UserAccount> user = accounts.findByEmail(email);
      unknownUser = user.isEmpty();
      actor = user.map(UserAccount::id).orElse(null);
    }
    if (!unknownUser) {
      rows = store.search(actor, action.isEmpty() ? null : action, day(from, "from", 0), day(to, "to", 1), SHOWN)
          .stream().map(this::row).toList();
    }
    model.addAttribute("who", email);
    model.addAttribute("what", action);
    model.addAttribute("from", from.strip());
    model.addAttribute("to", to.strip());
    model.addAttribute("unknownUser", unknownUser);
    model.addAttribute("entries", rows);
    model.addAttribute("shown", SHOWN);
    // The database chain; the JSON-lines copy is compared by `strongroom audit verify` on the server.
    model.addAttribute("verification", verifier.verify(false));
    return "audit/admin";
  }

  private Row row(AuditEntry entry) {
    String actor = entry.actorUserId() == null ? "system"
        : accounts.findById(entry.actorUserId()).map(UserAccount::email).orElse("user " + entry.actorUserId());
    return new Row(entry.id(), entry.time().toString().replace('T', ' ').substring(0, 19) + " UTC", actor,
        entry.clientAddress() == null ? "" : entry.clientAddress(), entry.action(),
        entry.target() == null ? "" : entry.target(), entry.outcome(), entry.detailsJson());
  }

  private static String bounded(String value) {
    String text = value.strip();
    if (text.length() > 320) {
      throw ApiException.badRequest("A filter is too long");
    }
    return text;
  }

  /** A {@code yyyy-MM-dd} day as its first instant (UTC), plus {@code days}; null when empty. */
  private static Instant day(String value, String name, int days) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip()).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'" + name + "' must be a date such as 2026-01-31");
    }
  }
}
