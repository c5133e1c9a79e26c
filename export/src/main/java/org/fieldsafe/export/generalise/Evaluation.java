package org.fieldsafe.export.generalise;

import java.util.List;
import java.util.Map;

/**
 * One lattice node checked against the data: the groups it makes and how many respondents it suppresses (those in
 * groups the criteria do not release).
 */
public record Evaluation(int[] node, Map<String, GroupTable.Group> groups, long total, long suppressed) {

    static Evaluation of(GroupTable table, List<Hierarchy> hierarchies, Criteria criteria, int[] node) {
        Map<String, GroupTable.Group> groups = table.generalise(hierarchies, node);
        long suppressed = 0;
        for (GroupTable.Group g : groups.values()) {
            if (!criteria.releases(g.size(), g.sensitive().size())) {
                suppressed += g.size();
            }
        }
        return new Evaluation(node.clone(), Map.copyOf(groups), table.total(), suppressed);
    }
}
