package org.fieldsafe.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldsafe.core.forms.Redaction;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.redact.Redactor;

/**
 * The export's scan of every text it writes (free-text answers in every format; transcript, translation and QDPX
 * text sources through {@link #scan}): core's {@link Redactor} with the study's place and organisation lists
 * (study.yaml {@code redaction}) and any phone number or e-mail address. Each replacement has a stable id
 * ({@code <source>#<n>}, n its index among the text's replacements) so a data manager's "keep the original"
 * decision can be applied when the files are written again. Thread-safe.
 */
public final class TextScan {
    private final Redactor redactor;

    public TextScan(Redaction lists) {
        this.redactor = new Redactor(List.of(), lists.allPlaces(), lists.allOrganisations());
    }

    /** The study's scan, or null when study.yaml has no {@code redaction} block (texts are then written as given). */
    public static TextScan of(Study study) {
        return study.redaction() == null ? null : new TextScan(study.redaction());
    }

    /**
     * One replacement in an exported text: where its placeholder stands in the text as written ({@code offset} and
     * {@code length} in Unicode code points of the NFC text), of what kind, and - for the data manager's review
     * only, never for the manifest - the original value and a little context around it.
     */
    public record Found(String id, String kind, int offset, int length, boolean kept, String original,
                        String before, String after) {
    }

    /** A text as exported and what was replaced in it (kept ones are left as written, offset of their text). */
    public record Scanned(String text, List<Found> found) {
    }

    private static final int CONTEXT = 40;

    /**
     * Scans {@code text} of the export source {@code source} (an interview pseudonym and a question or part id),
     * leaving the replacements whose id is in {@code kept} as written.
     */
    public Scanned scan(String source, String text, Set<String> kept) {
        String nfc = Redactor.normalise(text);
        List<Redactor.Replacement> spans = redactor.findInNormalised(nfc);
        if (spans.isEmpty()) {
            return new Scanned(text, List.of());
        }
        StringBuilder out = new StringBuilder();
        List<int[]> placed = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            Redactor.Replacement s = spans.get(i);
            out.append(nfc, at, s.start());
            int start = out.length();
            if (kept.contains(source + "#" + i)) {
                out.append(nfc, s.start(), s.end());
            } else {
                out.append('[').append(s.kind()).append(']');
            }
            placed.add(new int[] {start, out.length()});
            at = s.end();
        }
        out.append(nfc.substring(at));
        String written = out.toString();
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            Redactor.Replacement s = spans.get(i);
            int start = placed.get(i)[0];
            int end = placed.get(i)[1];
            String id = source + "#" + i;
            found.add(new Found(id, s.kind().name().toLowerCase(java.util.Locale.ROOT),
                    written.codePointCount(0, start), written.codePointCount(start, end), kept.contains(id),
                    nfc.substring(s.start(), s.end()), context(written, Math.max(0, start - CONTEXT), start),
                    context(written, end, Math.min(written.length(), end + CONTEXT))));
        }
        return new Scanned(written, List.copyOf(found));
    }

    /** A piece of the written text, never cutting a surrogate pair. */
    private static String context(String text, int from, int to) {
        int f = from > 0 && from < text.length() && Character.isLowSurrogate(text.charAt(from)) ? from + 1 : from;
        int t = to < text.length() && to > 0 && Character.isHighSurrogate(text.charAt(to - 1)) ? to - 1 : to;
        return f >= t ? "" : text.substring(f, t);
    }
}
