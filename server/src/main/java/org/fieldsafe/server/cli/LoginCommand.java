package org.fieldsafe.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin login}: logs in and keeps the token in the admin home (owner-only file). */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in; asks the password (or reads FIELDSAFE_PASSWORD) and keeps a token. A one-time "
                + "password must be changed first: asks the new one twice (or reads FIELDSAFE_NEW_PASSWORD).")
final class LoginCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Option(names = "--server", description = "Server URL, e.g. http://127.0.0.1:8080 (or FIELDSAFE_SERVER)")
    private String server;

    @Option(names = "--user", description = "User name (or FIELDSAFE_USER)")
    private String user;

    @Override
    public void run() {
        String url = server != null ? server : admin.env.get("FIELDSAFE_SERVER");
        String name = user != null ? user : admin.env.get("FIELDSAFE_USER");
        if (url == null || name == null) {
            throw new CliException("Give --server and --user (or FIELDSAFE_SERVER and FIELDSAFE_USER)");
        }
        AdminCli.LoggedIn loggedIn = admin.login(url, name, admin.password(name));
        new AdminSession(loggedIn.client().server(), name, loggedIn.response().token(),
                loggedIn.response().expiresAt()).save(admin.home(), loggedIn.client().json());
        admin.out.println("Logged in to " + loggedIn.client().server() + " as " + name + " ("
                + loggedIn.response().role() + "); the session expires at " + loggedIn.response().expiresAt());
    }
}
