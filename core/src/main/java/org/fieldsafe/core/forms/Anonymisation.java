package org.fieldsafe.core.forms;

import java.util.List;

/**
 * How exports generalise quasi-identifiers ({@code anonymisation} in study.yaml, docs/forms.md).
 *
 * @param quasiIdentifiers the k-anonymity group: {@code site}, {@code category} (the interview's) and question ids
 * @param ageBands         lower bounds of the age bands, strictly increasing: {@code [18, 25]} gives {@code <18},
 *                         {@code 18-24}, {@code 25+}; integer quasi-identifier answers are exported as their band
 *                         (empty: such answers are left out)
 * @param dates            how dates are generalised: {@code month} (YYYY-MM) or {@code year} (YYYY)
 * @param generalisation   the wider levels exports may choose before suppressing, the suppression limit and
 *                         l-diversity; null: only the base level, no limit
 */
public record Anonymisation(List<String> quasiIdentifiers, List<Integer> ageBands, String dates,
                            Generalisation generalisation) {
    public static final String SITE = "site";
    public static final String CATEGORY = "category";
    public static final List<String> DATE_LEVELS = List.of("month", "year");

    /** Used when a study has no {@code anonymisation} block: site and category, no bands, dates to month. */
    public static final Anonymisation DEFAULT = new Anonymisation(List.of(SITE, CATEGORY), List.of(), "month");

    public Anonymisation {
        quasiIdentifiers = quasiIdentifiers == null ? List.of() : List.copyOf(quasiIdentifiers);
        ageBands = ageBands == null ? List.of() : List.copyOf(ageBands);
        dates = dates == null ? "month" : dates;
    }

    /** Without wider levels: only the base generalisation. */
    public Anonymisation(List<String> quasiIdentifiers, List<Integer> ageBands, String dates) {
        this(quasiIdentifiers, ageBands, dates, null);
    }

    /** The band of {@code age}: {@code <b0}, {@code bi-(bi+1 - 1)}, {@code bn+}; null without bands. */
    public String band(long age) {
        if (ageBands.isEmpty()) {
            return null;
        }
        if (age < ageBands.get(0)) {
            return "<" + ageBands.get(0);
        }
        for (int i = 0; i < ageBands.size() - 1; i++) {
            if (age < ageBands.get(i + 1)) {
                return ageBands.get(i) + "-" + (ageBands.get(i + 1) - 1);
            }
        }
        return ageBands.get(ageBands.size() - 1) + "+";
    }

    /** Every band label, youngest first. */
    public List<String> bandLabels() {
        if (ageBands.isEmpty()) {
            return List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(band(ageBands.get(0) - 1L));
        for (int b : ageBands) {
            out.add(band(b));
        }
        return List.copyOf(out);
    }

    /** A {@code YYYY-MM-DD...} date (or instant) generalised: {@code YYYY-MM} or {@code YYYY}; null if not a date. */
    public String generaliseDate(String date) {
        if (date == null || !date.matches("\\d{4}-\\d{2}.*")) {
            return null;
        }
        return "year".equals(dates) ? date.substring(0, 4) : date.substring(0, 7);
    }
}
