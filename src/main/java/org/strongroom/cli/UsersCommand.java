package org.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users.",
    subcommands = UsersCreateCommand.class)
class UsersCommand {}
