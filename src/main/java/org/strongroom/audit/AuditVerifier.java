package org.strongroom.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Checks the audit chain in the database and, unless told not to, the JSON-lines file:
 * every entry's hash matches its content, every entry names its predecessor's hash, ids run
 * 1, 2, 3… with none missing, the chain head points at the last one, and the file holds the
 * same entries as the database. Reports the first entry that fails.
 */
@Service
public class AuditVerifier {

  static final int PAGE = 500;

  private final AuditStore store;
  private final AuditFile file;

  AuditVerifier(AuditStore store, AuditFile file) {
    this.store = store;
    this.file = file;
  }

  public Path file() {
    return file.path();
  }

  public AuditVerification verify(boolean includeFile) {
    AuditStore.Head head = store.head();
    Chain database = new Chain("database");
    Chain copy = new Chain("file");
    try (AuditFile.Lines lines = includeFile ? file.lines() : new AuditFile.Lines(null)) {
      long after = 0;
      while (after < head.lastId()) {
        List<AuditEntry> page = store.page(after, head.lastId(), PAGE);
        if (page.isEmpty()) {
          break;
        }
        for (AuditEntry entry : page) {
          Broken broken = database.follow(entry);
          if (broken == null && includeFile) {
            broken = compareWithFile(entry, lines, copy);
          }
          if (broken != null) {
            return broken.result(database.checked);
          }
          after = entry.id();
        }
      }
      Broken broken = database.endsAt(head);
      if (broken == null && includeFile) {
        broken = extraFileLines(lines, head);
      }
      return broken != null ? broken.result(database.checked)
          : new AuditVerification(database.checked, null, null, database.lastHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Broken compareWithFile(AuditEntry entry, AuditFile.Lines lines, Chain copy) {
    String line = lines.next();
    if (line == null) {
      return new Broken(entry.id(), "entry " + entry.id() + " is in the database but missing from the file "
          + file.path());
    }
    AuditEntry written;
    try {
      written = AuditEntry.parseLine(line);
    } catch (IllegalArgumentException e) {
      return new Broken(entry.id(), "line " + lines.number() + " of " + file.path()
          + " is not an audit entry (expected entry " + entry.id() + ")");
    }
    Broken broken = copy.follow(written);
    if (broken != null) {
      return broken;
    }
    if (!written.hash().equals(entry.hash())) {
      return new Broken(entry.id(), "entry " + entry.id() + " differs between the database and the file "
          + file.path() + " (one of them was rewritten)");
    }
    return null;
  }

  /** Lines after the database's last entry: appended since we started, or removed from the database. */
  private Broken extraFileLines(AuditFile.Lines lines, AuditStore.Head head) {
    for (String line = lines.next(); line != null; line = lines.next()) {
      AuditEntry written;
      try {
        written = AuditEntry.parseLine(line);
      } catch (IllegalArgumentException e) {
        return new Broken(head.lastId() + 1, "line " + lines.number() + " of " + file.path()
            + " is not an audit entry");
      }
      if (written.id() <= head.lastId()) {
        return new Broken(written.id(), "entry " + written.id() + " appears again in the file " + file.path());
      }
      if (store.find(written.id()).isEmpty()) {
        return new Broken(written.id(), "entry " + written.id() + " is in the file " + file.path()
            + " but not in the database (removed from the database, or its write failed; run verify again"
            + " to rule out an entry being written right now)");
      }
    }
    return null;
  }

  private record Broken(long entry, String problem) {
    AuditVerification result(long checked) {
      return new AuditVerification(checked, entry, problem, null);
    }
  }

  /** Walks one copy of the chain in id order. */
  private static final class Chain {
    private final String source;
    private long expectedId = 1;
    private String lastHash = AuditEntry.GENESIS;
    private long checked;

    Chain(String source) {
      this.source = source;
    }

    Broken follow(AuditEntry entry) {
      if (entry.id() != expectedId) {
        return entry.id() > expectedId
            ? new Broken(expectedId, source + ": entry " + expectedId + " is missing (the next entry is "
                + entry.id() + ")")
            : new Broken(entry.id(), source + ": entry " + entry.id() + " appears again after entry "
                + (expectedId - 1));
      }
      if (!entry.hashMatches()) {
        return new Broken(entry.id(), source + ": entry " + entry.id()
            + " does not match its hash: it was changed after it was written");
      }
      if (!entry.prevHash().equals(lastHash)) {
        return new Broken(entry.id(), source + ": entry " + entry.id() + " does not follow entry "
            + (entry.id() - 1) + " (its prev_hash differs): entry " + (entry.id() - 1)
            + " was changed or replaced");
      }
      expectedId++;
      lastHash = entry.hash();
      checked++;
      return null;
    }

    Broken endsAt(AuditStore.Head head) {
      if (expectedId - 1 != head.lastId()) {
        return new Broken(expectedId, source + ": entry " + expectedId + " is missing (the chain head says the "
            + "last entry is " + head.lastId() + ")");
      }
      if (!lastHash.equals(head.lastHash())) {
        return new Broken(head.lastId(), source + ": entry " + head.lastId()
            + " is not the entry the chain head points at (it was replaced)");
      }
      return null;
    }
  }
}
