package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.core.AuditEvent;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import picocli.CommandLine;

/**
 * {@code strongroom audit verify} against a real instance: an intact chain passes (exit 0);
 * an edited row and a deleted row are each reported with the number of the first broken
 * entry (exit 1), with and without the file comparison.
 */
abstract class AuditVerifyCommandContract {

  @TempDir
  Path folder;

  /** Points the instance at the database under test (an empty one). */
  abstract void useDatabase(InstanceLayout layout) throws Exception;

  abstract Connection connect(InstanceLayout layout) throws SQLException;

  record Run(int exit, String out, String err) {}

  @Test
  void intactChainPassesAndAnEditedOrDeletedRowIsNamed() throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    useDatabase(layout);
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(layout)) {
      for (int i = 1; i <= 4; i++) {
        context.publishEvent(new AuditEvent("record.update", 1L, "192.0.2.1", "record:r" + i, "success",
            Map.of("revision", Integer.toString(i))));
      }
    }

    Run intact = verify(layout);
    assertThat(intact.exit()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("Audit chain intact: 4 entries checked in the database and in "
        + layout.logs().resolve("audit.jsonl"));

    String original = sql(layout, "select target from audit_log where id = 2");
    update(layout, "update audit_log set target = 'record:innocent' where id = 2");
    Run edited = verify(layout);
    assertThat(edited.exit()).isEqualTo(AuditCommand.BROKEN);
    assertThat(edited.err()).contains("audit chain broken at entry 2:").contains("does not match its hash");
    assertThat(verify(layout, "--database-only").err()).contains("audit chain broken at entry 2:");
    update(layout, "update audit_log set target = '" + original + "' where id = 2");
    assertThat(verify(layout).exit()).isZero();

    update(layout, "delete from audit_log where id = 3");
    Run deleted = verify(layout);
    assertThat(deleted.exit()).isEqualTo(AuditCommand.BROKEN);
    assertThat(deleted.err()).contains("audit chain broken at entry 3:").contains("entry 3 is missing");
    assertThat(deleted.out()).isEmpty();
  }

  private Run verify(InstanceLayout layout, String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = StrongroomCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] args = new String[3 + options.length];
    args[0] = "audit";
    args[1] = "verify";
    args[2] = "--instance=" + layout.root();
    System.arraycopy(options, 0, args, 3, options.length);
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private String sql(InstanceLayout layout, String query) throws SQLException {
    try (Connection connection = connect(layout); PreparedStatement statement = connection.prepareStatement(query);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  void update(InstanceLayout layout, String statement) throws SQLException {
    try (Connection connection = connect(layout); Statement s = connection.createStatement()) {
      s.executeUpdate(statement);
    }
  }
}
