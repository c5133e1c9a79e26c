package org.fieldsafe.server.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.DirectoryService;
import org.fieldsafe.core.forms.FormProblem;
import org.fieldsafe.core.forms.FormValidationException;
import org.fieldsafe.core.forms.ReferralDirectory;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.problems.ProblemListException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.StudyStore;
import org.jdbi.v3.core.Handle;

/**
 * Coordinators' edits of a site's referral directory. An edit names the directory version it was made on (a
 * stale version is a 409), is validated as study.yaml is (a 422 naming the field), and becomes the next
 * directory version inside a new study version, so devices pull it with their next manifest. Audited as
 * {@code directory.updated}.
 */
public final class DirectoryEditor {
    private static final ObjectMapper YAML = JsonMappers.yaml();

    private final Database database;
    private final StudyStore studies;
    private final AuditLog audit;
    private final Clock clock;

    public DirectoryEditor(Database database, StudyStore studies, AuditLog audit, Clock clock) {
        this.database = database;
        this.studies = studies;
        this.audit = audit;
        this.clock = clock;
    }

    /** A site's directory in the shape of study.yaml's {@code directory} block, with its hash. */
    public record View(String site, int version, String sha256, List<Map<String, Object>> services) {
    }

    /** One entry that needs confirming: {@code reason} is {@code unconfirmed} or {@code stale}. */
    public record ReportEntry(String id, String kind, String name, boolean emergency, boolean involvesAuthorities,
                              LocalDate confirmed, String reason) {
    }

    /** The entries of a site's directory that are unconfirmed or confirmed longer ago than {@code maxAgeDays}. */
    public record Report(String site, int version, LocalDate asOf, int maxAgeDays, int services,
                         List<ReportEntry> entries) {
    }

    public View get(String studyId, String siteId) {
        Study study = database.read(h -> study(h, studyId));
        return view(site(study, siteId));
    }

    public Report report(String studyId, String siteId, Integer maxAgeDays) {
        int maxAge = maxAgeDays == null ? ReferralDirectory.DEFAULT_MAX_AGE_DAYS : maxAgeDays;
        if (maxAge < 0 || maxAge > 36500) {
            throw ProblemException.invalidField("invalid-max-age", "Invalid maximum age", "max_age_days");
        }
        Study study = database.read(h -> study(h, studyId));
        Site site = site(study, siteId);
        LocalDate today = LocalDate.now(clock);
        String master = study.masterLanguage();
        List<ReportEntry> entries = new ArrayList<>();
        for (DirectoryService s : site.directory().services()) {
            if (s.needsConfirmation(today, maxAge)) {
                entries.add(new ReportEntry(s.id(), s.kind().wire(), name(s, master), s.emergency(),
                        s.involvesAuthorities(), s.confirmedOn(), s.confirmed() ? "stale" : "unconfirmed"));
            }
        }
        entries.sort(Comparator.comparing((ReportEntry e) -> !e.emergency()));
        return new Report(site.id(), site.directory().version(), today, maxAge, site.directory().services().size(),
                entries);
    }

    /**
     * Replaces a site's directory. {@code body} is the directory as JSON or YAML ({@code version} the version the
     * edit was made on, {@code services} the full new list); the stored directory gets the next version.
     */
    public View update(String actor, String studyId, String siteId, String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("The request has no directory.");
        }
        return database.write(handle -> {
            Study study = study(handle, studyId);
            Site site = site(study, siteId);
            ReferralDirectory edited;
            try {
                edited = StudyLoader.parseDirectory(withoutViewFields(body, site.id()), "directory", study);
            } catch (FormValidationException e) {
                throw invalid(e);
            }
            int current = site.directory().version();
            if (edited.version() != current) {
                throw ProblemException.conflict("stale-directory-version", "Stale directory version",
                        "The edit was made on directory version " + edited.version() + " but site " + site.id()
                                + " is at version " + current + ": fetch it again and redo the edit.");
            }
            ReferralDirectory next = new ReferralDirectory(current + 1, edited.services());
            Study updated = study.withDirectory(site.id(), next);
            CompiledStudy compiled = CompiledStudy.of(updated);
            studies.put(handle, compiled);
            audit.append(handle, actor, "directory.updated", "study:" + studyId + " site:" + site.id()
                    + " version:" + next.version() + " sha256:" + next.sha256());
            return view(new Site(site.id(), site.country(), site.name(), site.languages(), next));
        });
    }

    /**
     * Keeps the directories edited through the API when the forms directory is loaded again: for each site whose
     * stored directory has a higher version than the file's, the stored one is kept. Returns {@code fromFiles}
     * unchanged when no site was edited.
     */
    public static CompiledStudy keepEdits(CompiledStudy fromFiles, CompiledStudy stored) {
        if (stored == null || stored.sites() == null || fromFiles.sites() == null) {
            return fromFiles;
        }
        Map<String, Integer> storedVersions = new LinkedHashMap<>();
        stored.sites().forEach(s -> storedVersions.put(s.site(), s.version()));
        boolean edited = fromFiles.sites().stream()
                .anyMatch(s -> storedVersions.getOrDefault(s.site(), 0) > s.version());
        if (!edited) {
            return fromFiles;
        }
        Study files = Study.fromCanonicalJson(fromFiles.canonicalJson().getBytes(StandardCharsets.UTF_8));
        Study kept = Study.fromCanonicalJson(stored.canonicalJson().getBytes(StandardCharsets.UTF_8));
        Study merged = files;
        for (Site site : files.sites()) {
            Site edit = kept.site(site.id()).orElse(null);
            if (edit != null && edit.directory().version() > site.directory().version()) {
                merged = merged.withDirectory(site.id(), edit.directory());
            }
        }
        return CompiledStudy.of(merged);
    }

    /**
     * The body without the fields {@link #get} adds beside the directory ({@code site}, {@code sha256}), so a
     * fetched directory can be edited and sent back as it is; a {@code site} naming another site is refused.
     */
    private static String withoutViewFields(String body, String siteId) {
        JsonNode tree;
        try {
            tree = YAML.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.unprocessable("invalid-directory", "Invalid referral directory",
                    "The directory is not valid JSON or YAML.");
        }
        if (!(tree instanceof ObjectNode object) || (!object.has("site") && !object.has("sha256"))) {
            return body;
        }
        JsonNode site = object.remove("site");
        if (site != null && !siteId.equals(site.asText())) {
            throw ProblemException.invalidField("invalid-directory", "Invalid referral directory", "site");
        }
        object.remove("sha256");
        return object.toString();
    }

    private Study study(Handle handle, String studyId) {
        CompiledStudy compiled = studies.find(handle, studyId).orElseThrow(() -> ProblemException.notFound("Study"));
        return Study.fromCanonicalJson(compiled.canonicalJson().getBytes(StandardCharsets.UTF_8));
    }

    private static Site site(Study study, String siteId) {
        return study.site(siteId).filter(s -> s.directory() != null)
                .orElseThrow(() -> ProblemException.notFound("Site"));
    }

    private static String name(DirectoryService s, String master) {
        return s.name().getOrDefault(master, s.name().values().stream().findFirst().orElse(s.id()));
    }

    private static View view(Site site) {
        ReferralDirectory d = site.directory();
        List<Map<String, Object>> services = new ArrayList<>();
        for (DirectoryService s : d.services()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("kind", s.kind().wire());
            m.put("name", s.name());
            if (s.phone() != null) {
                m.put("phone", s.phone());
            }
            if (s.hours() != null) {
                m.put("hours", s.hours());
            }
            m.put("languages", s.languages());
            if (s.genderServed() != null) {
                m.put("gender_served", s.genderServed().wire());
            }
            if (s.cost() != null) {
                m.put("cost", s.cost().wire());
            }
            m.put("involves_authorities", s.involvesAuthorities());
            m.put("emergency", s.emergency());
            m.put("confirmed", s.confirmed() ? s.confirmedOn().toString() : "no");
            services.add(m);
        }
        return new View(site.id(), d.version(), d.sha256(), services);
    }

    /**
     * A 422 naming the first field that failed (never its value), with every problem's field and message, and the
     * problems one by one as {@code errors} (field {@code services[i].phone}) for the console's error summary.
     */
    private static ProblemListException invalid(FormValidationException e) {
        List<FormProblem> problems = e.problems();
        String field = problems.isEmpty() || problems.get(0).field() == null || problems.get(0).field().isEmpty()
                ? "directory" : problems.get(0).field();
        StringBuilder detail = new StringBuilder("Field '" + field + "' is not valid.");
        for (FormProblem p : problems) {
            detail.append(' ').append(p.field() == null || p.field().isEmpty() ? "directory" : p.field())
                    .append(": ").append(p.message()).append('.');
        }
        return new ProblemListException("invalid-directory", detail.toString(), problems);
    }
}
