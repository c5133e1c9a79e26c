package org.fieldsafe.server.cli;

import java.io.Console;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Key holders' own passphrases. To unlock or re-wrap their copy of a key the server holds wrapped ({@code keys
 * passphrase}, {@code keys grant}, {@code identity}, {@code export}, {@code referrals show --part}), the passphrase
 * goes to the server for that one request (over the API, never printed): {@code FIELDSAFE_PASSPHRASE_<PURPOSE>} or
 * {@code FIELDSAFE_PASSPHRASE}, and {@code FIELDSAFE_NEW_PASSPHRASE}, else asked on the console without echo.
 */
final class Passphrases {
    static final int MIN_LENGTH = 12;

    private Passphrases() {
    }

    /**
     * An existing key holder's passphrase, to unlock a key on the server for one request or a key file here: from
     * {@code FIELDSAFE_PASSPHRASE_<PURPOSE>}, else {@code FIELDSAFE_PASSPHRASE}, else typed once on the console
     * without echo. The caller wipes it.
     */
    static char[] existing(Map<String, String> env, String purpose) {
        String variable = "FIELDSAFE_PASSPHRASE_" + purpose.toUpperCase(Locale.ROOT);
        String fromEnv = env.getOrDefault(variable, env.get("FIELDSAFE_PASSPHRASE"));
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("No console to ask the " + purpose + " key holder's passphrase; set " + variable);
        }
        char[] typed = console.readPassword("Passphrase of the %s key: ", purpose);
        if (typed == null || typed.length == 0) {
            throw new CliException("No passphrase given");
        }
        return typed;
    }

    /** A new passphrase for a key: FIELDSAFE_NEW_PASSPHRASE, else typed twice on the console. The caller wipes it. */
    static char[] next(Map<String, String> env, String purpose) {
        String fromEnv = env.get("FIELDSAFE_NEW_PASSPHRASE");
        if (fromEnv != null) {
            return checked(fromEnv.toCharArray(), "FIELDSAFE_NEW_PASSPHRASE");
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("No console to ask the new passphrase; set FIELDSAFE_NEW_PASSPHRASE");
        }
        char[] first = console.readPassword("New passphrase of the %s key: ", purpose);
        char[] second = console.readPassword("The same passphrase again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            wipe(first);
            wipe(second);
            throw new CliException("The two new passphrases differ");
        }
        wipe(second);
        return checked(first, "the new passphrase");
    }

    private static char[] checked(char[] passphrase, String what) {
        if (passphrase.length < MIN_LENGTH) {
            wipe(passphrase);
            throw new CliException(what + " must have at least " + MIN_LENGTH + " characters");
        }
        return passphrase;
    }

    static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}
