package org.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "storage", mixinStandardHelpOptions = true, description = "File storage settings.",
    subcommands = {StorageSealSecretCommand.class})
class StorageCommand {}
