package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.support.GeneratedDocument;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/operations/command-line-reference.md is what picocli's model of the commands says: every
 * command, its synopsis, description, options, parameters and defaults. Fails when the
 * committed copy is stale; {@code -Dstrongroom.docs.write=true} rewrites it.
 */
class CommandLineReferenceTests {

  static final Path DOCUMENT = Path.of("docs/operations/command-line-reference.md");

  @Test
  void theCommittedReferenceIsWhatTheCommandsSay() throws IOException {
    GeneratedDocument.writeOrCompare(DOCUMENT, reference(StrongroomCli.commandLine()));
  }

  @Test
  void everyCommandAndOptionIsInTheReference() {
    String reference = reference(StrongroomCli.commandLine());
    assertThat(reference).contains("## `strongroom tokens create`", "`--expires`", "`365d`",
        "## `strongroom instance migrate-secret-key`", "## `strongroom audit verify`", "`--instance`");
  }

  static String reference(CommandLine root) {
    StringBuilder out = new StringBuilder("# Command-line reference\n\n")
        .append(GeneratedDocument.header("picocli's model of the commands (cli.StrongroomCli) by CommandLineReferenceTests"))
        .append("\nEvery command also takes `-h`/`--help` (its usage) and `-V`/`--version`. What the commands are for, ")
        .append("with examples: [command-line.md](command-line.md).\n");
    for (CommandLine command : commands(root)) {
      section(out, command.getCommandSpec());
    }
    return out.toString();
  }

  private static List<CommandLine> commands(CommandLine command) {
    List<CommandLine> all = new ArrayList<>();
    all.add(command);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden() && !all.contains(sub)) {
        all.addAll(commands(sub));
      }
    }
    return all;
  }

  private static void section(StringBuilder out, CommandSpec spec) {
    out.append("\n## `").append(spec.qualifiedName()).append("`\n\n");
    String description = joined(spec.usageMessage().description());
    if (!description.isEmpty()) {
      out.append(description).append("\n\n");
    }
    CommandLine.Help help = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    out.append("```\n").append(help.synopsis(0).strip()).append("\n```\n");
    if (!spec.subcommands().isEmpty()) {
      out.append("\nSubcommands: ");
      List<String> names = new ArrayList<>();
      spec.subcommands().forEach((name, sub) -> {
        if (name.equals(sub.getCommandName()) && !sub.getCommandSpec().usageMessage().hidden()) {
          names.add("`" + name + "`");
        }
      });
      out.append(String.join(", ", names)).append(".\n");
    }
    List<PositionalParamSpec> parameters = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    if (!parameters.isEmpty()) {
      out.append("\n| Parameter | Description |\n|---|---|\n");
      for (PositionalParamSpec parameter : parameters) {
        out.append("| `").append(parameter.paramLabel()).append("` | ").append(cell(joined(parameter.description())))
            .append(" |\n");
      }
    }
    List<OptionSpec> options = spec.options().stream()
        .filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp()).toList();
    if (!options.isEmpty()) {
      out.append("\n| Option | Description | Default |\n|---|---|---|\n");
      for (OptionSpec option : options) {
        out.append("| ").append(optionNames(option)).append(" | ").append(cell(joined(option.description())))
            .append(option.required() ? " Required." : "").append(" | ").append(defaultOf(option)).append(" |\n");
      }
    }
  }

  private static String optionNames(OptionSpec option) {
    List<String> names = new ArrayList<>();
    for (String name : option.names()) {
      names.add("`" + name + "`");
    }
    String label = option.typeInfo().isBoolean() ? "" : " `" + option.paramLabel() + "`";
    return String.join(", ", names) + label;
  }

  private static String defaultOf(OptionSpec option) {
    String value = option.defaultValue();
    return value == null ? "" : "`" + value + "`";
  }

  private static String joined(String[] lines) {
    return String.join(" ", lines).strip();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
