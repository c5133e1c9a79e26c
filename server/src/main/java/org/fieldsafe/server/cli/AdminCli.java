package org.fieldsafe.server.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.PasswordChange;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fieldsafe admin ...}: the coordinator's and admin's command line over the server API.
 * Credentials come from the stored session ({@code admin login}) or from FIELDSAFE_SERVER, FIELDSAFE_USER and
 * FIELDSAFE_PASSWORD; the admin home is {@code ${FIELDSAFE_ADMIN_HOME:-~/.fieldsafe-admin}}.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a Fieldsafe server.",
        subcommands = {LoginCommand.class, PasswordCommand.class, UsersCommand.class, EnrolCommand.class, FormsCommand.class,
                KeysCommand.class, ProgressCommand.class, AuditCommand.class, IdentityCommand.class,
                ExportCommand.class, WithdrawCommand.class, ReferralsCommand.class, NoticesCommand.class,
                SubmissionsCommand.class, TranscriptsCommand.class, GrantsCommand.class})
public final class AdminCli implements Runnable {
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    /** What a command asks on the terminal that is not a secret (e.g. a withdrawal's code typed again). */
    final InputStream in;

    AdminCli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs the admin command line with the process environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, System.in, out, err);
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new AdminCli(env, in, out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("error: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CliException("Missing command: login, users, enrol, forms, keys, progress, audit or identity (see admin --help)");
    }

    Path home() {
        String configured = env.get("FIELDSAFE_ADMIN_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".fieldsafe-admin");
    }

    /** A client for the logged-in admin: FIELDSAFE_SERVER/USER/PASSWORD if all set, else the stored session. */
    ApiClient client() {
        String server = env.get("FIELDSAFE_SERVER");
        String user = env.get("FIELDSAFE_USER");
        String password = env.get("FIELDSAFE_PASSWORD");
        if (server != null && user != null && password != null) {
            return login(server, user, password).client;
        }
        ApiClient probe = new ApiClient("http://localhost", null);
        AdminSession session = AdminSession.load(home(), probe.json());
        return new ApiClient(session.server(), session.token());
    }

    /** Password from FIELDSAFE_PASSWORD, else read from the console without echo. */
    String password(String user) {
        String password = env.get("FIELDSAFE_PASSWORD");
        if (password != null) {
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("No console to ask the password; set FIELDSAFE_PASSWORD");
        }
        char[] typed = console.readPassword("Password for %s: ", user);
        if (typed == null) {
            throw new CliException("No password given");
        }
        return new String(typed);
    }

    /**
     * Logs in; when the password is a one-time password, changes it first to a new one (FIELDSAFE_NEW_PASSWORD, or
     * asked twice on the console) and goes on with the fresh session that change gives.
     */
    LoggedIn login(String server, String user, String password) {
        ApiClient anonymous = new ApiClient(server, null);
        LoginResponse response = anonymous.post("/auth/login", new LoginRequest(user, password), LoginResponse.class);
        ApiClient client = anonymous.withToken(response.token());
        if (response.passwordChangeRequired()) {
            err.println("The password of " + user + " is a one-time password; choose your own now.");
            response = client.post("/auth/password", new PasswordChange(password, newPassword()),
                    LoginResponse.class);
            err.println("Password changed.");
            client = anonymous.withToken(response.token());
        }
        return new LoggedIn(client, response);
    }

    /** A new password: FIELDSAFE_NEW_PASSWORD, else typed twice on the console without echo. */
    String newPassword() {
        String fromEnv = env.get("FIELDSAFE_NEW_PASSWORD");
        if (fromEnv != null) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("No console to ask the new password; set FIELDSAFE_NEW_PASSWORD");
        }
        char[] first = console.readPassword("New password (at least 12 characters): ");
        char[] second = console.readPassword("The same password again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new CliException("The two new passwords differ");
        }
        return new String(first);
    }

    record LoggedIn(ApiClient client, LoginResponse response) {
    }
}
