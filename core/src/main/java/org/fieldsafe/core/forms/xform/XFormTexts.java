package org.fieldsafe.core.forms.xform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldsafe.core.forms.Placeholders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The itext block of an XForm: every text under an id ({@code /data/consent/age:label}), in every language, a
 * language that lacks a text showing the master language's. Languages are named {@code English (en)} as XLSForm
 * tools name them, so ODK Collect lists them readably and the code stays recoverable.
 */
final class XFormTexts {
    private final String master;
    private final Map<String, String> languageNames;
    private final Map<String, Map<String, String>> texts = new LinkedHashMap<>();

    private final Placeholders placeholders;

    XFormTexts(String master, Map<String, String> languageNames, Placeholders placeholders) {
        this.master = master;
        this.languageNames = languageNames;
        this.placeholders = placeholders;
    }

    /** Adds a text and returns its {@code jr:itext('id')} reference; null for a null text. */
    String add(String id, Map<String, String> text) {
        if (text == null || text.get(master) == null) {
            return null;
        }
        texts.put(id, text);
        return "jr:itext('" + id + "')";
    }

    /** The itext element for the master language (default) and {@code languages}. */
    Element itext(Document doc, Collection<String> languages) {
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(master);
        ordered.addAll(languages);
        Element itext = doc.createElementNS(XFormWriter.XFORMS, "itext");
        for (String lang : ordered) {
            Element translation = XFormWriter.child(itext, XFormWriter.XFORMS, "translation");
            translation.setAttribute("lang", langName(lang));
            if (lang.equals(master)) {
                translation.setAttribute("default", "true()");
            }
            for (Map.Entry<String, Map<String, String>> e : texts.entrySet()) {
                Element text = XFormWriter.child(translation, XFormWriter.XFORMS, "text");
                text.setAttribute("id", e.getKey());
                String value = e.getValue().get(lang);
                XFormWriter.child(text, XFormWriter.XFORMS, "value")
                        .setTextContent(placeholders.fill(value != null ? value : e.getValue().get(master)));
            }
        }
        return itext;
    }

    /** {@code English (en)}, or the code alone when the study does not name the language. */
    String langName(String code) {
        String name = languageNames.get(code);
        return name == null ? code : name + " (" + code + ")";
    }

    /** A hint joined from the interviewer note and the probes, per language (master as fallback per part). */
    static Map<String, String> joined(String master, Map<String, String> note, String probesHeading,
                                      List<Map<String, String>> probes) {
        if (note == null && probes.isEmpty()) {
            return null;
        }
        Set<String> langs = new LinkedHashSet<>();
        langs.add(master);
        if (note != null) {
            langs.addAll(note.keySet());
        }
        probes.forEach(p -> langs.addAll(p.keySet()));
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : langs) {
            List<String> lines = new ArrayList<>();
            if (note != null) {
                lines.add(note.getOrDefault(lang, note.get(master)));
            }
            if (!probes.isEmpty()) {
                lines.add(probesHeading);
                for (Map<String, String> probe : probes) {
                    lines.add("- " + probe.getOrDefault(lang, probe.get(master)));
                }
            }
            out.put(lang, String.join("\n", lines));
        }
        return out;
    }
}
