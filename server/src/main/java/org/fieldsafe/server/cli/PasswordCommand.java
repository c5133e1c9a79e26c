package org.fieldsafe.server.cli;

import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.PasswordChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code admin password}: the logged-in person changes their own password. Every session of theirs ends; the new
 * session replaces the stored one.
 */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Change your own password: asks the current one (or FIELDSAFE_PASSWORD) and the new one twice "
                + "(or FIELDSAFE_NEW_PASSWORD, at least 12 characters). Your other sessions end.")
final class PasswordCommand implements Runnable {
    @ParentCommand
    private AdminCli admin;

    @Override
    public void run() {
        ApiClient client = admin.client();
        String user = admin.env.get("FIELDSAFE_USER");
        AdminSession stored = null;
        if (user == null || admin.env.get("FIELDSAFE_PASSWORD") == null || admin.env.get("FIELDSAFE_SERVER") == null) {
            stored = AdminSession.load(admin.home(), client.json());
            user = stored.username();
        }
        String current = admin.password(user);
        LoginResponse response = client.post("/auth/password", new PasswordChange(current, admin.newPassword()),
                LoginResponse.class);
        if (stored != null) {
            new AdminSession(client.server(), user, response.token(), response.expiresAt())
                    .save(admin.home(), client.json());
        }
        admin.out.println("Password of " + user + " changed; your other sessions have ended.");
    }
}
