package org.strongroom.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.DeployChecks;
import org.strongroom.instance.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check the instance's configuration; with --deploy, also for a production deployment. "
        + "Prints one line per finding (ID SEVERITY message — fix) and exits 1 on any error.")
class InstanceCheckCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = "--deploy", description = "Also run the checks for a production deployment.")
  boolean deploy;

  @Override
  public Integer call() {
    List<Finding> findings;
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      findings = context.getBean(DeployChecks.class).run(deploy);
    } catch (RuntimeException startFailure) {
      if (Failures.isConfigurationMistake(startFailure)) {
        throw startFailure;
      }
      findings = List.of(Finding.error("SR-W000", "the instance does not start: "
          + Failures.describe(startFailure), "correct the setting named in the message"));
    }
    findings.forEach(finding -> System.out.println(finding.line()));
    long errors = findings.stream().filter(Finding::isError).count();
    long others = findings.size() - errors;
    System.err.println(findings.isEmpty() ? "No issues found."
        : errors + " error(s), " + others + " warning(s) or note(s).");
    return errors > 0 ? 1 : 0;
  }
}
