package org.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Manage personal access tokens.",
    subcommands = {TokensCreateCommand.class, TokensListCommand.class, TokensRevokeCommand.class})
class TokensCommand {}
