package org.fieldsafe.server.submissions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Respondent codes (by keyed hash) that came in more than one submission, counted from a study's respondents in
 * the order their submissions were received ({@link #add}, rows of one submission together). Each counted
 * submission must stand for a respondent of its own: the counted submissions are a largest set that can each be
 * given a distinct code of theirs (a maximum matching of submissions to codes, earlier submissions first), so two
 * uploads of one respondent count once while a joint interview with one new respondent still counts. The others
 * are <em>repeats</em>. Per site x category: the repeats, and the distinct codes there that were also seen in another
 * submission. Holds hashes only while counting; reports counts.
 */
final class DuplicateCodes {
    /** One respondent of a stored submission, as {@link SubmissionStore#respondents} reads them. */
    record Respondent(String submissionId, String site, String category, String codeHash) {
    }

    /** A site x category's repeats (not counted as received) and duplicated codes. */
    record Cell(int repeats, int codes) {
    }

    private record Submission(String key, List<String> codes) {
    }

    private final List<Submission> submissions = new ArrayList<>();
    private final Map<String, Set<String>> keysByCode = new HashMap<>();
    private final Map<String, Integer> submissionsByCode = new HashMap<>();
    private String current;

    void add(Respondent respondent) {
        if (!respondent.submissionId().equals(current)) {
            current = respondent.submissionId();
            submissions.add(new Submission(ProgressTable.key(respondent.site(), respondent.category()),
                    new ArrayList<>()));
        }
        Submission submission = submissions.get(submissions.size() - 1);
        if (!submission.codes().contains(respondent.codeHash())) {
            submission.codes().add(respondent.codeHash());
            submissionsByCode.merge(respondent.codeHash(), 1, Integer::sum);
            keysByCode.computeIfAbsent(respondent.codeHash(), c -> new LinkedHashSet<>()).add(submission.key());
        }
    }

    /** Per {@link ProgressTable#key}: the cell's repeats and duplicated codes (cells with neither left out). */
    Map<String, Cell> cells() {
        Map<String, Integer> repeats = new HashMap<>();
        Map<String, Integer> matchOfCode = new HashMap<>();
        for (int s = 0; s < submissions.size(); s++) {
            if (!augment(s, matchOfCode)) {
                repeats.merge(submissions.get(s).key(), 1, Integer::sum);
            }
        }
        Map<String, Integer> codes = new HashMap<>();
        submissionsByCode.forEach((code, count) -> {
            if (count > 1) {
                keysByCode.get(code).forEach(key -> codes.merge(key, 1, Integer::sum));
            }
        });
        Map<String, Cell> cells = new HashMap<>();
        Set<String> keys = new HashSet<>(repeats.keySet());
        keys.addAll(codes.keySet());
        keys.forEach(key -> cells.put(key, new Cell(repeats.getOrDefault(key, 0), codes.getOrDefault(key, 0))));
        return cells;
    }

    /**
     * Finds a code for submission {@code root} along an augmenting path (breadth first, no recursion), moving
     * earlier submissions to other codes of theirs where needed; false when there is none (a repeat).
     */
    private boolean augment(int root, Map<String, Integer> matchOfCode) {
        Map<String, Integer> explorer = new HashMap<>();
        Map<Integer, String> reachedBy = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (String code : submissions.get(s).codes()) {
                if (explorer.putIfAbsent(code, s) != null) {
                    continue;
                }
                Integer holder = matchOfCode.get(code);
                if (holder == null) {
                    String free = code;
                    int taker = s;
                    while (true) {
                        String released = reachedBy.get(taker);
                        matchOfCode.put(free, taker);
                        if (released == null) {
                            return true;
                        }
                        free = released;
                        taker = explorer.get(released);
                    }
                }
                if (holder != root && !reachedBy.containsKey(holder)) {
                    reachedBy.put(holder, code);
                    queue.add(holder);
                }
            }
        }
        return false;
    }

    /** Distinct codes seen in more than one submission. */
    int total() {
        return (int) submissionsByCode.values().stream().filter(count -> count > 1).count();
    }
}
