package org.fieldsafe.client.fieldwork;

import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.client.interview.Disclosure;
import org.fieldsafe.client.interview.DisclosureDialogue;
import org.fieldsafe.client.interview.Prompt;
import org.fieldsafe.client.interview.ReferralTexts;
import org.fieldsafe.client.interview.SiteDirectory;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.Urgency;

/** Builds the disclosure flow's data from the engine's {@link DisclosureDialogue} and the site's directory. */
final class DisclosureFlows {
    private final DisclosureDialogue dialogue;
    private final SiteDirectory directory;
    private final String language;

    DisclosureFlows(DisclosureDialogue dialogue, SiteDirectory directory, String language) {
        this.dialogue = dialogue;
        this.directory = directory;
        this.language = language;
    }

    /** The disclosure as announced, with its texts in the interview language. */
    DisclosureFlow.Raised raised(Disclosure d) {
        ReferralTexts texts = dialogue.texts();
        String announcement = texts.text("announce.disclosure", "category", dialogue.categoryText(d.category()),
                "urgency", dialogue.urgencyText(d.urgency()), "source", d.byRule()
                        ? texts.text("announce.by_rule", "question", d.questionId())
                        : texts.text("announce.by_hand"));
        return new DisclosureFlow.Raised(d.respondent(),
                new DisclosureFlow.Option(d.category(), dialogue.categoryText(d.category())),
                new DisclosureFlow.Option(d.urgency().wire(), dialogue.urgencyText(d.urgency())), d.byRule(),
                d.questionId(), announcement, emergencies(d));
    }

    /** The whole flow for disclosure {@code d}: what to read, whom to offer, what to ask; nothing preselected. */
    DisclosureFlow flow(Disclosure d) {
        List<DisclosureFlow.Route> routes = new ArrayList<>();
        for (DirectoryService s : directory.services()) {
            String name = directory.name(s, language);
            routes.add(new DisclosureFlow.Route(s.id(), name, s.involvesAuthorities(), false,
                    s.involvesAuthorities() ? dialogue.texts().text("prompt.authority", "service", name) : null));
        }
        return new DisclosureFlow(d.respondent(), raised(d), emergencies(d), dialogue.script(),
                services(directory.services()), field(dialogue.choice(d)), List.copyOf(routes),
                field(dialogue.contactHow()), field(dialogue.contactWhen()));
    }

    private List<DisclosureFlow.Service> emergencies(Disclosure d) {
        return d.urgency() == Urgency.IMMEDIATE ? services(directory.emergencies()) : List.of();
    }

    /** The fields of a disclosure raised by hand: its category and urgency. */
    List<DisclosureFlow.Field> raiseFields() {
        return List.of(field(dialogue.category()), field(dialogue.urgency()));
    }

    /** Entries of the directory as data, names in the interview language, hours the study does not know said so. */
    List<DisclosureFlow.Service> services(List<DirectoryService> services) {
        return services(directory, language, services, dialogue.texts().text("hours.unknown"));
    }

    /**
     * Entries of {@code directory} as data, names in {@code language} (else the master's, marked); the hours of an
     * entry without them (none, or the study's "unknown") are {@code unknownHours} when not null.
     */
    static List<DisclosureFlow.Service> services(SiteDirectory directory, String language,
                                                 List<DirectoryService> services, String unknownHours) {
        List<DisclosureFlow.Service> out = new ArrayList<>();
        for (DirectoryService s : services) {
            out.add(new DisclosureFlow.Service(s.id(), directory.name(s, language), String.valueOf(s.kind()),
                    s.phone(), hours(s.hours(), unknownHours), s.languages(), s.genderServed() == null ? null : s.genderServed().toString(),
                    s.cost() == null ? null : s.cost().toString(), s.involvesAuthorities(), s.emergency(),
                    s.confirmed(), s.confirmedOn() == null ? null : s.confirmedOn().toString(),
                    s.stale(directory.today(), directory.maxAgeDays())));
        }
        return List.copyOf(out);
    }

    private static String hours(String hours, String unknown) {
        boolean known = hours != null && !hours.isBlank() && !"unknown".equalsIgnoreCase(hours.strip());
        return known || unknown == null ? hours : unknown;
    }

    private static DisclosureFlow.Field field(DisclosureDialogue.Field<?> field) {
        return new DisclosureFlow.Field(field.prompt(), field.options().stream()
                .map((Prompt.Option o) -> new DisclosureFlow.Option(o.id(), o.text())).toList());
    }
}
