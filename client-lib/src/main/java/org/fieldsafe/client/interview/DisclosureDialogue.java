package org.fieldsafe.client.interview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Urgency;

/**
 * The disclosure and referral flow, one field at a time, in the interview language ({@link ReferralTexts}): each
 * field lists its valid values and checks a typed value at once, so a typo is asked again on the spot, never after
 * later fields. The CLI and the field app render the same fields; {@link InterviewSession} records the result.
 */
public final class DisclosureDialogue {
    /**
     * One field: its prompt, the values it takes (id and text in the interview language; empty for free text),
     * what Enter gives (null: Enter is refused, or gives nothing for free text) and its parser.
     */
    public record Field<T>(String prompt, List<Prompt.Option> options, String enterGives,
                           Function<String, T> parser) {
        /** Parses a typed line; {@link IllegalArgumentException} with a message in the interview language. */
        public T parse(String line) {
            return parser.apply(line == null ? "" : line.strip());
        }
    }

    private final InterviewSession session;
    private final SiteDirectory directory;
    private final ReferralTexts texts;

    public DisclosureDialogue(InterviewSession session, SiteDirectory directory) {
        this.session = session;
        this.directory = directory;
        this.texts = ReferralTexts.of(session.language());
    }

    public ReferralTexts texts() {
        return texts;
    }

    /** The study's referral script in the interview language, or the master's marked with its code; null if none. */
    public String script() {
        Map<String, String> script = session.study().referralScript();
        if (script == null || script.isEmpty()) {
            return null;
        }
        String own = script.get(session.language());
        String master = session.study().masterLanguage();
        return texts.text("read_out") + ": " + (own != null && !own.isBlank() ? own
                : "[" + master + "] " + script.get(master));
    }

    /** The category of a disclosure raised by hand: those the form's rules use, and current_risk. */
    public Field<String> category() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add("current_risk");
        for (Question q : session.interviewForm().questions()) {
            if (q.disclosure() != null) {
                ids.add(q.disclosure().category());
            }
        }
        List<Prompt.Option> options = ids.stream().map(id -> new Prompt.Option(id, categoryText(id))).toList();
        return new Field<>(texts.text("prompt.category"), options, "current_risk", line -> pick(options, line,
                "current_risk"));
    }

    public Field<Urgency> urgency() {
        List<Prompt.Option> options = new ArrayList<>();
        for (Urgency u : Urgency.values()) {
            options.add(new Prompt.Option(u.wire(), urgencyText(u)));
        }
        return new Field<>(texts.text("prompt.urgency"), options, Urgency.URGENT.wire(),
                line -> Urgency.of(pick(options, line, Urgency.URGENT.wire())));
    }

    /** The respondent's referral choice after disclosure {@code d}; no default. */
    public Field<ReferralChoice> choice(Disclosure d) {
        List<Prompt.Option> options = new ArrayList<>();
        for (ReferralChoice c : ReferralChoice.values()) {
            options.add(new Prompt.Option(c.wire(), texts.text("choice." + c.wire())));
        }
        String prompt = texts.text("prompt.choice", "n", String.valueOf(d.respondent() + 1), "category",
                categoryText(d.category()), "urgency", urgencyText(d.urgency()));
        return new Field<>(prompt, options, null, line -> ReferralChoice.of(pick(options, line, null)));
    }

    /** The services the respondent agrees to, by number or id; Enter gives none. Unknown ones are refused. */
    public Field<List<String>> services() {
        List<Prompt.Option> options = new ArrayList<>();
        for (DirectoryService s : directory.services()) {
            options.add(new Prompt.Option(s.id(), directory.name(s, session.language())));
        }
        return new Field<>(texts.text("prompt.routes"), options, texts.text("none"), line -> {
            List<String> ids = new ArrayList<>();
            for (String token : line.split("[,\\s]+")) {
                if (!token.isBlank()) {
                    String id = find(options, token);
                    if (id == null) {
                        throw new IllegalArgumentException(texts.text("error.unknown_service", "value", token));
                    }
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            return List.copyOf(ids);
        });
    }

    /** The respondent's own explicit yes for a service involving authorities; Enter gives no. */
    public Field<Boolean> authority(DirectoryService service) {
        List<Prompt.Option> options = List.of(new Prompt.Option("yes", texts.text("answer.yes")),
                new Prompt.Option("no", texts.text("answer.no")));
        String prompt = texts.text("prompt.authority", "service", service.id() + " ("
                + directory.name(service, session.language()) + ")");
        return new Field<>(prompt, options, "no", line -> "yes".equals(pick(options, line, "no")));
    }

    public Field<String> contactHow() {
        return contact("prompt.contact_how");
    }

    public Field<String> contactWhen() {
        return contact("prompt.contact_when");
    }

    /** The message when refer got no yes to any service (asked again from the choice). */
    public String referNeedsRoute() {
        return texts.text("error.refer_needs_route");
    }

    public String categoryText(String category) {
        return texts.textOr("category." + category, category);
    }

    public String urgencyText(Urgency urgency) {
        return texts.text("urgency." + urgency.wire());
    }

    private Field<String> contact(String key) {
        return new Field<>(texts.text(key), List.of(), texts.text("none"), line -> {
            if (line.isEmpty()) {
                return null;
            }
            if (line.length() > InterviewSession.MAX_CONTACT_CHARS || line.chars().anyMatch(Character::isISOControl)
                    || InterviewInput.isCommand(line)) {
                throw new IllegalArgumentException(texts.text("error.contact", "max",
                        String.valueOf(InterviewSession.MAX_CONTACT_CHARS)));
            }
            return line;
        });
    }

    /** The option typed (its number, id or text), or {@code dflt} for Enter; else an error listing nothing typed. */
    private String pick(List<Prompt.Option> options, String line, String dflt) {
        if (line.isEmpty() && dflt != null) {
            return dflt;
        }
        String id = find(options, line);
        if (id == null) {
            throw new IllegalArgumentException(texts.text("error.not_listed"));
        }
        return id;
    }

    private static String find(List<Prompt.Option> options, String token) {
        String t = token.strip();
        if (t.matches("\\d{1,3}")) {
            int n = Integer.parseInt(t);
            return n >= 1 && n <= options.size() ? options.get(n - 1).id() : null;
        }
        for (Prompt.Option o : options) {
            if (o.id().equalsIgnoreCase(t) || o.text().equalsIgnoreCase(t)
                    || o.id().replace('_', ' ').equals(t.toLowerCase(Locale.ROOT))) {
                return o.id();
            }
        }
        return null;
    }
}
