package org.fieldsafe.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One run of the admin command line in this JVM: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    /** A run with {@code env} plus FIELDSAFE_ADMIN_HOME set to {@code home}. */
    static CliRun at(Path home, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("FIELDSAFE_ADMIN_HOME", home.toString());
        return of(all, args);
    }

    /** A run as {@code user} with {@code password} against {@code server}, plus {@code extraEnv}. */
    static CliRun asUser(String server, String user, String password, Map<String, String> extraEnv,
                         String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("FIELDSAFE_SERVER", server);
        env.put("FIELDSAFE_USER", user);
        env.put("FIELDSAFE_PASSWORD", password);
        return of(env, args);
    }

    static CliRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
