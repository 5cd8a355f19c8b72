package org.strongroom.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log.",
    subcommands = AuditCommand.Verify.class)
class AuditCommand {

  /** Exit code when the chain is broken (errors such as an unreachable database exit 1 too). */
  static final int BROKEN = 1;

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check the audit log's hash chain in the database and in the JSON-lines file; "
          + "name the first broken entry and exit non-zero when the chain is broken.")
  static class Verify implements Callable<Integer> {

    @Mixin
    InstanceOption instance;

    @Option(names = "--database-only", description = "Do not compare with the JSON-lines file "
        + "(for servers that share one database but keep their own files).")
    boolean databaseOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
        AuditVerifier verifier = context.getBean(AuditVerifier.class);
        AuditVerification result = verifier.verify(!databaseOnly);
        if (!result.intact()) {
          PrintWriter err = spec.commandLine().getErr();
          err.println("strongroom: audit chain broken at entry " + result.brokenEntry() + ": " + result.problem());
          err.flush();
          return BROKEN;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Audit chain intact: " + result.entries() + " entries checked in the database"
            + (databaseOnly ? "" : " and in " + verifier.file()));
        out.println("Last entry hash: " + result.headHash());
        out.flush();
        return 0;
      }
    }
  }
}
