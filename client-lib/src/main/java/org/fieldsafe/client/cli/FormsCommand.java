package org.fieldsafe.client.cli;

import picocli.CommandLine.Command;

/** {@code forms}: the forms on this device. */
@Command(name = "forms", description = "The study's forms on this device.",
        subcommands = {FormsPullCommand.class, FormsListCommand.class})
final class FormsCommand {
}
