package org.fieldsafe.server.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fieldsafe.export.EncryptedExportFiles;
import org.fieldsafe.export.ExportManifest;
import org.fieldsafe.export.TextScan;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.problems.ProblemException;

/**
 * A data manager's review of an export held because its text scan replaced something (docs/export.md): the list of
 * replacements with a little context, read back from the export's encrypted spool for the request only (never
 * stored in plaintext, never in the database); accepting a replacement (the placeholder stays) or keeping the
 * original (the export's files are written again from the spool with that text as given); and the release once
 * every replacement is decided. Only the export's creator sees or decides it (404 for anyone else). Audited:
 * {@code export.review.accepted}, {@code export.review.kept} (ids and counts, never a value),
 * {@code export.released}.
 */
public final class ExportReviews {
    /** A decision on one replacement. */
    public static final String ACCEPT = "accept";
    public static final String KEEP = "keep";
    private static final int MAX_IDS = 10_000;

    private final ExportJobs jobs;
    private final AuditLog audit;

    ExportReviews(ExportJobs jobs, AuditLog audit) {
        this.jobs = jobs;
        this.audit = audit;
    }

    /**
     * The body of a decision: {@code accept} or {@code keep} for the listed replacement ids, or ({@code all}) for every
     * replacement not decided yet.
     */
    public record Decision(String decision, List<String> ids, Boolean all) {
    }

    /**
     * A held export's review: its state, how many replacements there are and how many are decided, and each one
     * with its source (interview and respondent pseudonyms, question), kind, the text before and after it as
     * exported, the original value, and its decision ({@code pending}, {@code accept}, {@code keep}).
     */
    public record Review(String export, String state, int replacements, int decided, List<Item> items) {
    }

    /** One replacement under review. */
    public record Item(String id, String interview, String respondent, String question, String kind, String before,
                       String original, String after, String decision) {
    }

    /** The review of a held export; 409 for an export that is not (or no longer) held. */
    public Review review(FieldsafePrincipal who, String id) {
        ExportJob job = jobs.own(who, id);
        synchronized (job) {
            if (job.opened == null) {
                throw notHeld();
            }
            List<TextScan.Found> found;
            try {
                found = job.opened.review(kept(job));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Item> items = new ArrayList<>();
            for (TextScan.Found f : found) {
                String source = f.id().substring(0, f.id().lastIndexOf('#'));
                String[] parts = source.split("/", 3);
                items.add(new Item(f.id(), parts[0], parts[1], parts[2], f.kind(), f.before(), f.original(),
                        f.after(), job.decisions.getOrDefault(f.id(), "pending")));
            }
            return new Review(id, job.state().name(), items.size(), job.decisions.size(), items);
        }
    }

    /**
     * Records a decision on replacements of a held export; keeping an original (or accepting a replacement kept
     * before) writes the export's files again. 422 for an unknown decision or replacement id (nothing recorded),
     * 409 when the export is not held.
     */
    public Review decide(FieldsafePrincipal who, String id, Decision body) {
        ExportJob job = jobs.own(who, id);
        synchronized (job) {
            if (job.state() != ExportJob.State.review || job.opened == null) {
                throw notHeld();
            }
            if (body == null || !ACCEPT.equals(body.decision()) && !KEEP.equals(body.decision())) {
                throw ProblemException.invalidField("export-review-invalid", "Review decision not valid", "decision");
            }
            Set<String> all = allIds(job);
            List<String> ids;
            if (Boolean.TRUE.equals(body.all())) {
                ids = all.stream().filter(r -> !job.decisions.containsKey(r)).sorted().toList();
            } else if (body.ids() == null || body.ids().isEmpty() || body.ids().size() > MAX_IDS
                    || !all.containsAll(body.ids())) {
                throw ProblemException.invalidField("export-review-invalid", "Review decision not valid", "ids");
            } else {
                ids = List.copyOf(new HashSet<>(body.ids()));
            }
            Set<String> keptBefore = kept(job);
            ids.forEach(r -> job.decisions.put(r, body.decision()));
            Set<String> keptNow = kept(job);
            if (!keptNow.equals(keptBefore)) {
                rewrite(job, keptNow);
            }
            audit.append(who.actor(), "export.review." + (KEEP.equals(body.decision()) ? "kept" : "accepted"),
                    "export:" + id + " replacements:" + ids.size()
                            + (ids.size() == 1 ? " replacement:" + ids.get(0) : ""));
        }
        return review(who, id);
    }

    /** Releases a held export once every replacement is decided (409 otherwise): its files can be downloaded. */
    public void release(FieldsafePrincipal who, String id) {
        ExportJob job = jobs.own(who, id);
        synchronized (job) {
            if (job.state() != ExportJob.State.review) {
                throw notHeld();
            }
            if (!job.decisions.keySet().containsAll(allIds(job))) {
                throw ProblemException.conflict("export-review-pending", "Replacements not all decided",
                        "Accept each replacement or keep its original before releasing the export.");
            }
            job.released();
            ExportJobs.closeReview(id, job.opened, job.work);
            job.opened = null;
            audit.append(who.actor(), "export.released", "export:" + id + " replaced:"
                    + job.manifest().redactions().replaced() + " kept:" + job.manifest().redactions().kept());
        }
    }

    /** Every replacement id of the export: those written as placeholders and those kept. */
    private static Set<String> allIds(ExportJob job) {
        Set<String> out = new HashSet<>(kept(job));
        job.manifest().redactions().replacements().forEach(r -> out.add(r.id()));
        return out;
    }

    private static Set<String> kept(ExportJob job) {
        Set<String> out = new HashSet<>();
        job.decisions.forEach((r, d) -> {
            if (KEEP.equals(d)) {
                out.add(r);
            }
        });
        return out;
    }

    /** Writes the export's files again (new directory, new key) with {@code kept} as given; drops the old ones. */
    private void rewrite(ExportJob job, Set<String> kept) {
        EncryptedExportFiles old = job.files;
        try {
            EncryptedExportFiles now = new EncryptedExportFiles(job.id,
                    jobs.root().resolve(job.id + "-" + UUID.randomUUID()));
            ExportManifest manifest = job.opened.write(now, kept);
            job.rewritten(manifest, now);
            old.destroy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException notHeld() {
        return ProblemException.conflict("export-not-held", "Export not held for review",
                "Only an export held for review has replacements to decide or release.");
    }
}
