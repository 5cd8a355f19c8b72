package org.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "sso", mixinStandardHelpOptions = true, description = "Single sign-on settings.",
    subcommands = {SsoSealSecretCommand.class})
class SsoCommand {}
