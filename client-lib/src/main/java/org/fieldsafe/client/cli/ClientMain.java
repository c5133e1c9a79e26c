package org.fieldsafe.client.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.fieldwork.InterviewCrypto;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The enumerator's command line ({@code fieldsafe client ...}). Every failure prints one line on stderr
 * and exits non-zero: 1 when the command failed, 2 when it was used wrongly. {@code --verbose} adds the
 * stack trace.
 */
@Command(name = "fieldsafe client",
        description = "Fieldsafe on a field device: enrol it, pull the study's forms, run interviews.",
        subcommands = {EnrolCommand.class, FormsCommand.class, InterviewCommand.class, SyncCommand.class,
                StatusCommand.class, DirectoryCommand.class, AppCommand.class},
        footer = {"", "The device's local store is --home DIR, else $FIELDSAFE_HOME, else ~/.fieldsafe.",
                "Exit status: 0 done, 1 failed, 2 wrong usage."})
public final class ClientMain {
    /** Exit status of a command that failed. */
    public static final int FAILED = 1;
    /** Exit status of a command line that could not be parsed. */
    public static final int USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too.")
    boolean verbose;

    /**
     * The terminal the commands read from: typed lines (the interactive interview) and passphrases read without
     * echo (null when there is no terminal).
     */
    public record Terminal(Supplier<BufferedReader> input, Function<String, char[]> passphrases) {
        public Terminal {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(passphrases, "passphrases");
        }

        /** Standard input, and the console's password prompt. */
        public static Terminal system() {
            return new Terminal(() -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    prompt -> System.console() == null ? null : System.console().readPassword(prompt));
        }
    }

    private final Map<String, String> env;
    private final FieldsafeClient.Settings settings;
    private final Terminal terminal;
    private final InterviewCrypto crypto;

    ClientMain(Map<String, String> env, FieldsafeClient.Settings settings, Terminal terminal, InterviewCrypto crypto) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.settings = Objects.requireNonNull(settings, "settings");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), FieldsafeClient.Settings.defaults()).execute(args));
    }

    /** The command line with its error handling, on the system terminal with the real interview crypto. */
    public static CommandLine commandLine(Map<String, String> env, FieldsafeClient.Settings settings) {
        return commandLine(env, settings, Terminal.system(), InterviewCrypto.standard());
    }

    /** The command line with its error handling, on {@code terminal}, sealing and encrypting with {@code crypto}. */
    public static CommandLine commandLine(Map<String, String> env, FieldsafeClient.Settings settings,
                                          Terminal terminal, InterviewCrypto crypto) {
        CommandLine cmd = new CommandLine(new ClientMain(env, settings, terminal, crypto));
        cmd.setExecutionExceptionHandler(ClientMain::failed);
        cmd.setParameterExceptionHandler(ClientMain::misused);
        return cmd;
    }

    Map<String, String> env() {
        return env;
    }

    FieldsafeClient.Settings settings() {
        return settings;
    }

    Terminal terminal() {
        return terminal;
    }

    /** Opens the device home that {@code home} names, with this command line's settings and crypto. */
    FieldsafeClient openExisting(Path home) throws ClientException {
        return FieldsafeClient.openExisting(home, settings, crypto);
    }

    private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String message = e instanceof ClientException
                ? e.getMessage()
                : "unexpected error (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); run with --verbose for details";
        err.println("fieldsafe: " + oneLine(message));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static int misused(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("fieldsafe: " + oneLine(e.getMessage()) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
