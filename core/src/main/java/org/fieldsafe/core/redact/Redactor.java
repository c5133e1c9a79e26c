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

    private final List<Pattern> names = new ArrayList<>();
    private final List<Pattern> phones = new ArrayList<>();
    private final List<Pattern> emails = new ArrayList<>();
    private final List<Pattern> places = new ArrayList<>();
    private final List<Pattern> organisations = new ArrayList<>();

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
        names.sort(Comparator.comparingInt((Pattern p) -> p.pattern().length()).reversed());
    }

    private static void listed(Collection<String> names, List<Pattern> into) {
        for (String raw : names) {
            if (raw != null && !raw.isBlank()) {
                into.add(namePattern(Digits.toAscii(Normalizer.normalize(raw.strip(), Normalizer.Form.NFC))));
            }
        }
        into.sort(Comparator.comparingInt((Pattern p) -> p.pattern().length()).reversed());
    }

    private void addName(String value) {
        names.add(namePattern(value));
        Matcher words = WORD.matcher(value);
        while (words.find()) {
            String word = words.group();
            if (word.codePointCount(0, word.length()) >= 3) {
                names.add(namePattern(word));
            }
        }
    }

    private static Pattern namePattern(String value) {
        String quoted = Pattern.quote(value);
        String body = NO_SPACE_SCRIPTS.matcher(value).find()
                ? quoted : "(?<![\\p{L}\\p{M}])" + quoted + "(?![\\p{L}\\p{M}])";
        return Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** One replacement the redactor makes: where in the text (NFC-normalised) it is, and of what kind. */
    public record Replacement(int start, int end, Kind kind) {
    }

    /** The text NFC-normalised, as {@link #find} counts positions in it. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Every replacement {@link #redact(String)} makes in {@code text}, in text order. */
    public List<Replacement> find(String text) {
        String scan = Digits.toAscii(normalise(text));
        List<Replacement> spans = new ArrayList<>();
        for (Pattern p : emails) {
            collect(p, scan, Kind.EMAIL, spans);
        }
        collect(EMAIL, scan, Kind.EMAIL, spans);
        for (Pattern p : phones) {
            collect(p, scan, Kind.PHONE, spans);
        }
        Matcher m = PHONE.matcher(scan);
        while (m.find()) {
            String found = m.group();
            long digits = found.chars().filter(Character::isDigit).count();
            if ((digits >= 8 || found.startsWith("+") && digits >= 7) && !DATE_OR_YEARS.matcher(found).matches()) {
                add(spans, new Replacement(m.start(), m.end(), Kind.PHONE));
            }
        }
        for (Pattern p : names) {
            collect(p, scan, Kind.NAME, spans);
        }
        for (Pattern p : organisations) {
            collect(p, scan, Kind.ORGANISATION, spans);
        }
        for (Pattern p : places) {
            collect(p, scan, Kind.PLACE, spans);
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

    private static void add(List<Replacement> spans, Replacement s) {
        for (Replacement o : spans) {
            if (s.start() < o.end() && o.start() < s.end()) {
                return;
            }
        }
        spans.add(s);
    }
}
