package org.fieldsafe.client.interview;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line the enumerator typed at a question: an answer, or a command. A line that is a colon and a word
 * ({@code :help}, {@code :xyz}) is always a command, known or not, and never an answer ({@link InterviewSession}
 * refuses such a text as an answer too). A colon followed by anything else (":)") is an ordinary answer.
 */
public sealed interface InterviewInput {
    Pattern COMMAND = Pattern.compile(":[\\p{L}\\p{N}_-]*");

    /** The commands of the interview, at any question. */
    enum Command {
        HELP, BACK, SKIP, PAUSE, STOP, DISCLOSE, DIRECTORY;

        public String word() {
            return ":" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** An answer (stripped; empty for a bare Enter). */
    record Answer(String text) implements InterviewInput {
    }

    record Known(Command command) implements InterviewInput {
    }

    /** A colon-word that is no command: refused, never stored. */
    record Unknown(String word) implements InterviewInput {
    }

    static InterviewInput parse(String line) {
        String s = line == null ? "" : line.strip();
        if (isCommand(s)) {
            for (Command c : Command.values()) {
                if (c.word().equalsIgnoreCase(s)) {
                    return new Known(c);
                }
            }
            return new Unknown(s);
        }
        return new Answer(s);
    }

    /** True for a colon and a word: the shape of a command, which the engine never takes as an answer. */
    static boolean isCommand(String text) {
        return text != null && COMMAND.matcher(text.strip()).matches();
    }
}
