package org.fieldsafe.core.redact;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes identifying details out of free text before it is sealed into research data: the respondents' own
 * direct-identifier answers (a name or address, whole or any part of 3+ letters, becomes {@code [NAME]}; a
 * phone {@code [PHONE]}; an e-mail {@code [EMAIL]}), any phone number or e-mail address at all, and the study's
 * listed place and organisation names (study.yaml {@code redaction}; each name whole, as whole words, becomes
 * {@code [PLACE]} or {@code [ORGANISATION]}). Names in scripts written without spaces between words (Thai, Khmer,
 * Lao, Myanmar) are found inside longer runs of letters. Native digits (Bengali, Devanagari, Khmer, Thai, ...)
 * are read as digits and left as written in the result. The result says what kinds were redacted how often,
 * never the values.
 */
public final class Redactor {
    /** What a redaction replaced; its placeholder is {@code [KIND]}. */
    public enum Kind { NAME, PHONE, EMAIL, PLACE, ORGANISATION }

    /** The redacted text and how many of each kind were replaced (kinds with 0 are absent; in kind order). */
    public record Redacted(String text, Map<Kind, Integer> counts) {
        public boolean changed() {
            return !counts.isEmpty();
        }
    }

    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+");
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\p{L}\\p{N}+(])(?:\\(?(?:\\+|00))?\\(?\\d(?:[\\s.()\\-/]{0,2}\\d){6,14}(?!\\p{N})");
    private static final Pattern DATE_OR_YEARS = Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}"
            + "|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}|\\d{4}\\s*[-/]\\s*\\d{4}");
    private static final Pattern NO_SPACE_SCRIPTS =
            Pattern.compile("[\\p{IsThai}\\p{IsKhmer}\\p{IsLao}\\p{IsMyanmar}]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");

    private final List<Listed> names = new ArrayList<>();
    private final List<Pattern> phones = new ArrayList<>();
    private final List<Pattern> emails = new ArrayList<>();
    private final List<Listed> places = new ArrayList<>();
    private final List<Listed> organisations = new ArrayList<>();

    /** A redactor for text about respondents whose direct-identifier answers are {@code identifiers}. */
    public Redactor(Collection<String> identifiers) {
        this(identifiers, List.of(), List.of());
    }

    /**
     * A redactor for text about respondents whose direct-identifier answers are {@code identifiers}, which also
     * replaces the listed {@code placeNames} and {@code organisationNames} (each as a whole; an organisation
     * before a place inside it).
     */
    public Redactor(Collection<String> identifiers, Collection<String> placeNames,
                    Collection<String> organisationNames) {
        listed(placeNames, places);
        listed(organisationNames, organisations);
        for (String raw : identifiers) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = Digits.toAscii(Normalizer.normalize(raw.strip(), Normalizer.Form.NFC));
            if (EMAIL.matcher(value).matches()) {
                emails.add(Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE));
            } else if (value.replaceAll("\\D", "").length() >= 5 && value.matches("[+\\d\\s().\\-/]+")) {
                phones.add(Pattern.compile(String.join("[\\s.()\\-/]{0,2}", value.replaceAll("\\D", "").split(""))));
            } else {
                addName(value);
            }
        }
        names.sort(BY_PATTERN_LENGTH);
    }

    private static void listed(Collection<String> names, List<Listed> into) {
        for (String raw : names) {
            if (raw != null && !raw.isBlank()) {
                into.add(Listed.of(Digits.toAscii(Normalizer.normalize(raw.strip(), Normalizer.Form.NFC))));
            }
        }
        into.sort(BY_PATTERN_LENGTH);
    }

    private void addName(String value) {
        names.add(Listed.of(value));
        Matcher words = WORD.matcher(value);
        while (words.find()) {
            String word = words.group();
            if (word.codePointCount(0, word.length()) >= 3) {
                names.add(Listed.of(word));
            }
        }
    }

    private static final Comparator<Listed> BY_PATTERN_LENGTH =
            Comparator.comparingInt((Listed l) -> l.pattern().pattern().length()).reversed();

    /**
     * A name found as a whole, in any case: its pattern, and the name case-folded char by char as the pattern
     * compares it (upper, then lower case: {@link Pattern#UNICODE_CASE}), or null where that folding is not
     * length-preserving and stable (a character outside the BMP, or one whose folding changes when folded again).
     * Where there is a folded name, {@link #collect} looks for it with {@link String#indexOf} in the folded text and
     * tries the pattern only there: a place the pattern matches is a place the folded name stands at in the folded
     * text, so the matches are exactly the pattern's own, found without running the pattern at every position.
     */
    private record Listed(Pattern pattern, String folded) {
        static Listed of(String value) {
            String quoted = Pattern.quote(value);
            String body = NO_SPACE_SCRIPTS.matcher(value).find()
                    ? quoted : "(?<![\\p{L}\\p{M}])" + quoted + "(?![\\p{L}\\p{M}])";
            Pattern pattern = Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (value.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
                return new Listed(pattern, null);
            }
            String folded = fold(value);
            return new Listed(pattern, folded.isEmpty() || !fold(folded).equals(folded) ? null : folded);
        }
    }

    /** {@link #fold} of every UTF-16 unit, worked out once: a table look-up per unit instead of two case mappings. */
    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLDED[c] = Character.toLowerCase(Character.toUpperCase((char) c));
        }
    }

    /** Each UTF-16 unit upper- then lower-cased, as case-insensitive Unicode matching compares them. */
    private static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = FOLDED[text.charAt(i)];
        }
        return new String(out);
    }

    /** One replacement the redactor makes: where in the text (NFC-normalised) it is, and of what kind. */
    public record Replacement(int start, int end, Kind kind) {
    }

    /**
     * The text NFC-normalised, as {@link #find} counts positions in it: the text itself when it already is (most
     * texts are: checking costs less than building the same text again).
     */
    public static String normalise(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text,
                Normalizer.Form.NFC);
    }

    /** Every replacement {@link #redact(String)} makes in {@code text}, in text order. */
    public List<Replacement> find(String text) {
        return findInNormalised(normalise(text));
    }

    /** {@link #find} of a text that is already {@link #normalise}d (NFC), without normalising it again. */
    public List<Replacement> findInNormalised(String nfc) {
        String scan = Digits.toAscii(nfc);
        List<Replacement> spans = new ArrayList<>();
        // an e-mail address has an @ and a phone number an ASCII digit (native digits were read as ASCII): a text
        // without one is not scanned for them at all
        if (scan.indexOf('@') >= 0) {
            for (Pattern p : emails) {
                collect(p, scan, Kind.EMAIL, spans);
            }
            collect(EMAIL, scan, Kind.EMAIL, spans);
        }
        if (hasAsciiDigit(scan)) {
            for (Pattern p : phones) {
                collect(p, scan, Kind.PHONE, spans);
            }
            Matcher m = PHONE.matcher(scan);
            while (m.find()) {
                String found = m.group();
                long digits = found.chars().filter(Character::isDigit).count();
                if ((digits >= 8 || found.startsWith("+") && digits >= 7)
                        && !DATE_OR_YEARS.matcher(found).matches()) {
                    add(spans, new Replacement(m.start(), m.end(), Kind.PHONE));
                }
            }
        }
        String folded = names.isEmpty() && organisations.isEmpty() && places.isEmpty() ? scan : fold(scan);
        for (Listed l : names) {
            collect(l, scan, folded, Kind.NAME, spans);
        }
        for (Listed l : organisations) {
            collect(l, scan, folded, Kind.ORGANISATION, spans);
        }
        for (Listed l : places) {
            collect(l, scan, folded, Kind.PLACE, spans);
        }
        spans.sort(Comparator.comparingInt(Replacement::start));
        return List.copyOf(spans);
    }

    /** The text with identifiers replaced. */
    public Redacted redact(String text) {
        return redact(text, Set.of());
    }

    /**
     * The text with identifiers replaced, except the replacements whose index in {@link #find}'s list is in
     * {@code undone} (the enumerator judged them not identifying): those stay as written.
     */
    public Redacted redact(String text, Set<Integer> undone) {
        String nfc = normalise(text);
        List<Replacement> spans = find(text);
        StringBuilder out = new StringBuilder();
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (undone.contains(i)) {
                continue;
            }
            Replacement s = spans.get(i);
            out.append(nfc, at, s.start()).append('[').append(s.kind()).append(']');
            counts.merge(s.kind(), 1, Integer::sum);
            at = s.end();
        }
        out.append(nfc.substring(at));
        return new Redacted(out.toString(), java.util.Collections.unmodifiableMap(counts));
    }

    private static void collect(Pattern p, String scan, Kind kind, List<Replacement> spans) {
        Matcher m = p.matcher(scan);
        while (m.find()) {
            add(spans, new Replacement(m.start(), m.end(), kind));
        }
    }

    /**
     * The matches of a listed name's pattern in {@code scan}, in the order {@link Matcher#find} gives them: where the
     * name has a {@link Listed#folded} form, only the places it stands at in {@code folded} are tried.
     */
    private static void collect(Listed l, String scan, String folded, Kind kind, List<Replacement> spans) {
        if (l.folded() == null) {
            collect(l.pattern(), scan, kind, spans);
            return;
        }
        Matcher m = null;
        int from = 0;
        for (int at = folded.indexOf(l.folded()); at >= 0; at = folded.indexOf(l.folded(), from)) {
            if (m == null) {
                m = l.pattern().matcher(scan).useTransparentBounds(true);
            }
            m.region(at, scan.length());
            if (m.lookingAt()) {
                add(spans, new Replacement(m.start(), m.end(), kind));
                from = m.end();
            } else {
                from = at + 1;
            }
        }
    }

    private static boolean hasAsciiDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Replacement> spans, Replacement s) {
        for (Replacement o : spans) {
            if (s.start() < o.end() && o.start() < s.end()) {
                return;
            }
        }
        spans.add(s);
    }
}
