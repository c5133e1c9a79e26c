package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transcription desk's time marks ({@code [mm:ss]}, {@code [h:mm:ss]} from an hour; docs/console.md) in a text as
 * exported, as QDPX sync points: each mark's time in milliseconds and where it stands in the text, in Unicode code
 * points. Read from the text after the text scan, so the positions are those of the exported file (a placeholder
 * shorter or longer than its original moves the marks after it, and they are found where they now are).
 */
final class TimeMarks {
    private static final Pattern MARK = Pattern.compile("\\[(?:(\\d{1,3}):)?([0-5]?\\d):([0-5]\\d)]");

    private TimeMarks() {
    }

    /** A sync point: {@code millis} into the recording, at code point {@code position} of the text. */
    record Mark(long millis, int position) {
    }

    /** The marks of {@code text}, in the order they stand. */
    static List<Mark> of(String text) {
        List<Mark> out = new ArrayList<>();
        Matcher m = MARK.matcher(text);
        while (m.find()) {
            long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            long seconds = hours * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
            out.add(new Mark(seconds * 1000, text.codePointCount(0, m.start())));
        }
        return out;
    }
}
