package org.fieldsafe.core.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * study.yaml's {@code redaction} block: the place names (villages, communes, districts, towns) and organisation
 * names (employers, agencies, NGOs, shelters) that would point at the study's respondents when they appear in free
 * text, study-wide and per site. The export's text scan (core {@code Redactor}) replaces every one of them, whatever
 * the site of the interview: a village named in another site's interview still points at people.
 */
public record Redaction(List<String> places, List<String> organisations, Map<String, Names> sites) {

    /** One site's own names. */
    public record Names(List<String> places, List<String> organisations) {
    }

    /** Every place name, study-wide and of every site. */
    public List<String> allPlaces() {
        List<String> out = new ArrayList<>(places);
        sites.values().forEach(n -> out.addAll(n.places()));
        return List.copyOf(out);
    }

    /** Every organisation name, study-wide and of every site. */
    public List<String> allOrganisations() {
        List<String> out = new ArrayList<>(organisations);
        sites.values().forEach(n -> out.addAll(n.organisations()));
        return List.copyOf(out);
    }
}
