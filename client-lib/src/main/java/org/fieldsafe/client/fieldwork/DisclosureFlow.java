package org.fieldsafe.client.fieldwork;

import java.util.List;

/**
 * The disclosure and referral flow as data, in the interview language (DESIGN.md section 8): the disclosure, the
 * site's emergency entries when it is {@code immediate}, the script to read out, the directory, the respondent's
 * choices, each route with nothing preselected (a route involving authorities needs its own explicit yes), and the
 * safe way and time of contact. The command line asks the same fields one by one (and words its own note on distress,
 * as a view words its own, naming its own controls).
 */
public record DisclosureFlow(int respondent, Raised disclosure, List<Service> emergencies, String script,
                             List<Service> directory, Field choice, List<Route> routes, Field contactHow,
                             Field contactWhen) {

    /**
     * A disclosure: category and urgency (id and text), from a form rule on {@code question} or by hand; as it is
     * announced, with the site's emergency entries at once when it is {@code immediate} (else empty).
     */
    public record Raised(int respondent, Option category, Option urgency, boolean byRule, String question,
                         String announcement, List<Service> emergencies) {
    }

    /** A value of a field: id and its text in the interview language. */
    public record Option(String id, String text) {
    }

    /** A field of the flow: its prompt, the values it takes (empty for free text) and none preselected. */
    public record Field(String prompt, List<Option> options) {
    }

    /**
     * A contact route the respondent may consent to: never preselected ({@code selected} is always false here);
     * {@code authorityPrompt} is set when it involves authorities and needs its own explicit yes.
     */
    public record Route(String id, String name, boolean involvesAuthorities, boolean selected,
                        String authorityPrompt) {
    }

    /** An entry of the site's referral directory, names in the interview language (else marked by their code). */
    public record Service(String id, String name, String kind, String phone, String hours, List<String> languages,
                          String genderServed, String cost, boolean involvesAuthorities, boolean emergency,
                          boolean confirmed, String confirmedOn, boolean stale) {
    }
}
