package org.fieldsafe.core.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and validates a site's referral directory. */
final class DirectoryParser {
    static final String LANGUAGE_CODE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*";
    private static final Set<String> DIRECTORY_KEYS = Set.of("version", "services");
    private static final Set<String> SERVICE_KEYS = Set.of("id", "kind", "name", "phone", "hours", "languages",
            "gender_served", "cost", "involves_authorities", "emergency", "confirmed");

    private final NodeReader r;
    private final TextReader texts;

    DirectoryParser(NodeReader reader, TextReader texts) {
        this.r = reader;
        this.texts = texts;
    }

    ReferralDirectory parse(JsonNode node, String path) {
        JsonNode d = r.object(node, path, DIRECTORY_KEYS);
        if (d == null) {
            return null;
        }
        Integer version = r.integer(d, path, "version", true, 1);
        List<DirectoryService> services = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> item : r.list(d, path, "services", true)) {
            DirectoryService s = service(item.getKey(), item.getValue());
            if (s == null) {
                continue;
            }
            if (s.id() != null && !ids.add(s.id())) {
                r.problem(YamlDocument.child(item.getKey(), "id"), "duplicate service id '" + s.id() + "'");
            }
            services.add(s);
        }
        return new ReferralDirectory(version == null ? 0 : version, services);
    }

    private DirectoryService service(String path, JsonNode node) {
        JsonNode s = r.object(node, path, SERVICE_KEYS);
        if (s == null) {
            return null;
        }
        String id = r.id(s, path, "id", "[a-z0-9][a-z0-9-]*");
        ServiceKind kind = r.enumValue(s, path, "kind", ServiceKind::of, ServiceKind.values(), null);
        Map<String, String> name = texts.read(s, path, "name", true);
        String phone = r.text(s, path, "phone", false);
        if (phone != null && !phone.matches("\\+?[0-9][0-9 ()-]*")) {
            r.problem(YamlDocument.child(path, "phone"), "'" + phone + "' is not a phone number");
        }
        String hours = r.text(s, path, "hours", false);
        List<String> languages = r.texts(s, path, "languages", false);
        for (int i = 0; i < languages.size(); i++) {
            if (!languages.get(i).matches(LANGUAGE_CODE)) {
                r.problem(YamlDocument.index(YamlDocument.child(path, "languages"), i),
                        "'" + languages.get(i) + "' is not a language code");
            }
        }
        GenderServed gender = r.enumValue(s, path, "gender_served", GenderServed::of, GenderServed.values(), null);
        Cost cost = r.enumValue(s, path, "cost", Cost::of, Cost.values(), null);
        boolean authorities = r.bool(s, path, "involves_authorities", false);
        // The police always involve the authorities; an emergency number often reaches the police: its entry must
        // say whether it does. No route's consent then hangs on a flag someone forgot to set.
        if (kind == ServiceKind.POLICE && !authorities) {
            r.problem(YamlDocument.child(path, "involves_authorities"),
                    "a police service involves the authorities: set involves_authorities: true");
        } else if (kind == ServiceKind.EMERGENCY && !s.has("involves_authorities")) {
            r.problem(YamlDocument.child(path, "involves_authorities"), "an emergency service must say whether it"
                    + " involves the police or other authorities: set involves_authorities: true or false");
        }
        boolean emergency = r.bool(s, path, "emergency", false);
        LocalDate confirmedOn = confirmed(s, path);
        return new DirectoryService(id, kind, name, phone, hours, languages, gender, cost, authorities, emergency,
                confirmedOn);
    }

    /** {@code confirmed: no} (or false) gives null; otherwise a YYYY-MM-DD date. */
    private LocalDate confirmed(JsonNode s, String path) {
        JsonNode v = s.get("confirmed");
        String p = YamlDocument.child(path, "confirmed");
        if (v == null || v.isNull()) {
            r.problem(p, "missing required field (no, or the date of confirmation YYYY-MM-DD)");
            return null;
        }
        if (v.isBoolean() && !v.booleanValue()) {
            return null;
        }
        String text = v.isTextual() ? v.textValue().strip() : "";
        if (text.equals("no")) {
            return null;
        }
        try {
            if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            r.problem(p, "'" + text + "' is not a valid date");
            return null;
        }
        r.problem(p, "expected no or a date YYYY-MM-DD, got " + NodeReader.describe(v));
        return null;
    }
}
