package org.strongroom.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.demo.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo-data", mixinStandardHelpOptions = true,
    description = "Add the demo users, token and records to an existing instance (once).")
class DemoDataCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() {
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      report(context.getBean(DemoData.class).createIfMissing(), System.out);
    }
    return 0;
  }

  static void report(Optional<DemoData.Created> created, PrintStream out) {
    if (created.isEmpty()) {
      out.println("Demo data is already present (its passwords and token were printed when it was created).");
      return;
    }
    DemoData.Created demo = created.get();
    out.println("Created " + demo.records() + " demo records. These are shown only this once:");
    out.println("  superuser  " + DemoData.ADMIN + "  password " + demo.adminPassword());
    out.println("  user       " + DemoData.ALICE + "  password " + demo.alicePassword());
    out.println("  user       " + DemoData.BOB + "  password " + demo.bobPassword());
    out.println("  token of " + DemoData.ALICE + ":  " + demo.aliceToken());
  }
}
