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

/** {@code admin users add|list|role|email|disable|enable}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage people.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.ChangeRole.class,
                UsersCommand.ChangeEmail.class, UsersCommand.Disable.class, UsersCommand.Enable.class})
final class UsersCommand implements Runnable {
    @ParentCommand
    AdminCli admin;

    @Override
    public void run() {
        throw new CliException("Missing command: users add, list, role, email, disable or enable");
    }

    /** A person's name, role and sites, as {@code users add} and {@code users role} take them. */
    static final class Person {
        @Option(names = "--username", required = true, description = "User name")
        String username;

        @Option(names = "--role", required = true, description = "admin, coordinator, enumerator, "
                + "safeguarding_officer, data_manager, principal_investigator or transcriber")
        String role;

        @Option(names = "--site", description = "A site id of a study on the server (repeatable), e.g. KH-SVR; "
                + "enumerator, safeguarding_officer and transcriber need at least one")
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

        @Option(names = {"--language", "--languages"}, split = ",", description = "A language code the person "
                + "transcribes or translates in (repeatable, or comma-separated), e.g. km; a transcriber needs at "
                + "least one")
        private List<String> languages = new ArrayList<>();

        @Override
        public void run() {
            AdminCli admin = users.admin;
            NewUser user = admin.client().post("/users", new NewUserRequest(person.username, person.role,
                    person.sites, email, languages.isEmpty() ? null : languages), NewUser.class);
            admin.out.println("Created " + user.username() + " (" + user.role() + (user.sites().isEmpty() ? ""
                    : ", sites " + String.join(", ", user.sites())) + ")");
            admin.out.println("One-time password: " + user.password() + " (to be changed at the first login)");
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
                admin.out.println(String.format("%-24s %-24s %-16s %s%s%s", user.username(), user.role(),
                        String.join(",", user.sites()), user.email() == null ? "" : user.email(),
                        user.languages().isEmpty() ? "" : " languages " + String.join(",", user.languages()),
                        user.disabled() ? " (disabled)" : "").stripTrailing());
            }
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Replace a person's role and sites (the default), or with --add add sites to their role "
                    + "(a person has one role). Their open sessions end, and an enumerator's devices are revoked "
                    + "when they leave that role.")
    static final class ChangeRole implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Option(names = "--username", required = true, description = "User name")
        private String username;

        @Option(names = "--role", description = "The new role (replaces the current one); with --add it may be left "
                + "out, or must be the person's current role")
        private String role;

        @Option(names = "--site", description = "A site id of a study on the server (repeatable), e.g. KH-SVR")
        private List<String> sites = new ArrayList<>();

        @Option(names = {"--language", "--languages"}, split = ",", description = "A transcriber's language code "
                + "(repeatable, or comma-separated), e.g. km: the role transcriber needs at least one (with --add: "
                + "added to theirs); the other roles have none")
        private List<String> languages = new ArrayList<>();

        @Option(names = "--add", description = "Add the sites (and a transcriber's languages) to the person's "
                + "current ones instead of replacing role and sites")
        private boolean add;

        @Override
        public void run() {
            if (!add && role == null) {
                throw new CliException("Give --role (replaces role and sites), or --add with --site to add sites");
            }
            if (!add && "transcriber".equals(role) && languages.isEmpty()) {
                throw new CliException("A transcriber works in at least one language: give --language, e.g. "
                        + "--language km (repeatable)");
            }
            AdminCli admin = users.admin;
            ApiClient client = admin.client();
            UserInfo user = client.send("PUT", "/users/" + username + "/role",
                    new RoleChange(role, sites, add ? RoleChange.ADD : RoleChange.REPLACE,
                            languages.isEmpty() ? null : languages),
                    client.json().constructType(UserInfo.class));
            String now = user.role() + (user.sites().isEmpty() ? "" : " at " + String.join(", ", user.sites()))
                    + (user.languages().isEmpty() ? "" : " in " + String.join(", ", user.languages()));
            admin.out.println((add ? "Added sites to " + user.username() + "'s role: "
                    : "Replaced " + user.username() + "'s role and sites: ") + "now " + now
                    + "; their sessions have ended.");
        }
    }

    /** {@code users disable} and {@code users enable}: one POST to the person's {@code action}. */
    abstract static class Switch implements Runnable {
        @ParentCommand
        private UsersCommand users;

        @Option(names = "--username", required = true, description = "User name")
        private String username;

        abstract String action();

        abstract String done(UserInfo user);

        @Override
        public void run() {
            ApiClient client = users.admin.client();
            UserInfo user = client.send("POST", "/users/" + username + "/" + action(), null,
                    client.json().constructType(UserInfo.class));
            users.admin.out.println(done(user));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a person: they cannot log in, their sessions end and an enumerator's devices are "
                    + "revoked.")
    static final class Disable extends Switch {
        @Override
        String action() {
            return "disable";
        }

        @Override
        String done(UserInfo user) {
            return user.username() + " is disabled: no login, sessions ended"
                    + (user.role().equals("enumerator") ? ", devices revoked." : ".");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Enable a disabled person again (revoked devices stay revoked: enrol again).")
    static final class Enable extends Switch {
        @Override
        String action() {
            return "enable";
        }

        @Override
        String done(UserInfo user) {
            return user.username() + " is enabled and can log in again.";
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
