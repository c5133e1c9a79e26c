package org.fieldsafe.server.cli;

import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.wire.EmailChange;
import org.fieldsafe.core.wire.NewUser;
import org.fieldsafe.core.wire.NewUserRequest;
import org.fieldsafe.core.wire.RoleChange;
import org.fieldsafe.core.wire.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code admin users add|list|role}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage people.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.ChangeRole.class,
                UsersCommand.ChangeEmail.class})
final class UsersCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: users add, users list, users role or users email");
    }

    /** A person's name, role and sites, as {@code users add} and {@code users role} take them. */
    static final class Person {
        @Option(names = "--username", required = true, description = "User name")
        String username;

        @Option(names = "--role", required = true, description = "admin, coordinator, enumerator, "
                + "safeguarding_officer, data_manager or principal_investigator")
        String role;

        @Option(names = "--site", description = "A site id (repeatable), e.g. KH-SVR")
        List<String> sites = new ArrayList<>();
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a person; prints a one-time password.")
    static final class Add implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Mixin
        private Person person;

        @Option(names = "--email", description = "A work e-mail address for referral notifications (optional)")
        private String email;

        @Override
        public void run() {
            AdminCli admin = users.admin;
            NewUser user = admin.client().post("/users",
                    new NewUserRequest(person.username, person.role, person.sites, email), NewUser.class);
            admin.out.println("Created " + user.username() + " (" + user.role() + (user.sites().isEmpty() ? ""
                    : ", sites " + String.join(", ", user.sites())) + ")");
            admin.out.println("One-time password: " + user.password());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List people.")
    static final class ListUsers implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Override
        public void run() {
            AdminCli admin = users.admin;
            ApiClient client = admin.client();
            List<UserInfo> list = client.get("/users",
                    client.json().getTypeFactory().constructCollectionType(List.class, UserInfo.class));
            for (UserInfo user : list) {
                admin.out.printf("%-24s %-24s %-16s %s%n", user.username(), user.role(), String.join(",", user.sites()),
                        user.email() == null ? "" : user.email());
            }
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Give a person another role (and sites); their open sessions end, and an enumerator's "
                    + "devices are revoked when they leave that role.")
    static final class ChangeRole implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Mixin
        private Person person;

        @Override
        public void run() {
            AdminCli admin = users.admin;
            ApiClient client = admin.client();
            UserInfo user = client.send("PUT", "/users/" + person.username + "/role",
                    new RoleChange(person.role, person.sites),
                    client.json().constructType(UserInfo.class));
            admin.out.println(user.username() + " is now " + user.role() + (user.sites().isEmpty() ? ""
                    : " (sites " + String.join(", ", user.sites()) + ")") + "; their sessions have ended.");
        }
    }

    @Command(name = "email", mixinStandardHelpOptions = true,
            description = "Set a person's work e-mail address for referral notifications (empty: remove it).")
    static final class ChangeEmail implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Option(names = "--username", required = true, description = "User name")
        private String username;

        @Option(names = "--email", required = true, description = "The address; \"\" removes it")
        private String email;

        @Override
        public void run() {
            AdminCli admin = users.admin;
            ApiClient client = admin.client();
            UserInfo user = client.send("PUT", "/users/" + username + "/email", new EmailChange(email),
                    client.json().constructType(UserInfo.class));
            admin.out.println(user.username() + (user.email() == null ? " has no e-mail address now."
                    : " gets notifications at " + user.email() + "."));
        }
    }
}
