package org.fieldsafe.client.interview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldsafe.core.forms.Category;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.Study;

/**
 * Seeded answer sets for the differential test: for every question of a consent and an interview form, the answers
 * an enumerator tries in turn (the next one after a refusal). Values are mostly plausible, often edge values (empty,
 * blank, 0, negatives, each number of the form's expressions and +-1, dates around today and the expressions' dates,
 * very long text, text in the site's script, every choice, no choice, all choices) and respondent codes of this
 * site, of another, and malformed; often an enumerator then tries an ordinary answer, so that most walks go on
 * into the interview form. Raw values as the field app's answers file gives them: text, BigDecimal, lists.
 */
final class AnswerSetGenerator {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("'([0-9]{4}-[0-9]{2}-[0-9]{2})'");

    private final Random random;
    private final Study study;
    private final Site site;
    private final LocalDate today;
    private final List<BigDecimal> numbers = new ArrayList<>();
    private final List<LocalDate> dates = new ArrayList<>();
    private final int[] script;

    AnswerSetGenerator(long seed, Study study, Site site, LocalDate today, List<FormDefinition> forms) {
        this.random = new Random(seed);
        this.study = study;
        this.site = site;
        this.today = today;
        this.script = script(site.country());
        Set<BigDecimal> ns = new TreeSet<>();
        Set<LocalDate> ds = new TreeSet<>();
        for (BigDecimal n : List.of(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(),
                new BigDecimal("999999999"), new BigDecimal("-999999999"), BigDecimal.valueOf(study.ageOfMajority()))) {
            ns.add(n);
        }
        for (FormDefinition form : forms) {
            for (Question q : form.questions()) {
                for (String source : new String[]{q.relevant(), q.constraint()}) {
                    if (source == null) {
                        continue;
                    }
                    Matcher d = DATE.matcher(source);
                    while (d.find()) {
                        LocalDate date = LocalDate.parse(d.group(1));
                        ds.addAll(List.of(date.minusDays(1), date, date.plusDays(1)));
                    }
                    Matcher m = NUMBER.matcher(source.replaceAll("'[^']*'", "''"));
                    while (m.find()) {
                        BigDecimal n = new BigDecimal(m.group());
                        BigDecimal step = n.scale() > 0 ? new BigDecimal("0.01") : BigDecimal.ONE;
                        ns.addAll(List.of(n.subtract(step), n, n.add(step), n.negate()));
                        if (n.scale() == 0 && n.abs().intValue() < 200) {
                            LocalDate years = today.minusYears(n.abs().intValue());
                            ds.addAll(List.of(years.minusDays(1), years, years.plusDays(1)));
                        }
                    }
                }
            }
        }
        ds.addAll(List.of(today, today.minusDays(1), today.plusDays(1), LocalDate.of(2000, 2, 29),
                LocalDate.of(1900, 1, 1), LocalDate.of(2099, 12, 31)));
        numbers.addAll(ns);
        dates.addAll(ds);
    }

    /** One answer set: form id / question id to the answers tried in turn (empty: skipped at once). */
    Map<String, List<Object>> next(List<FormDefinition> forms) {
        Map<String, List<Object>> set = new LinkedHashMap<>();
        for (FormDefinition form : forms) {
            for (Question q : form.questions()) {
                List<Object> attempts = new ArrayList<>();
                int n = random.nextInt(100) < 80 ? 1 : 2 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    attempts.add(value(q));
                }
                if (random.nextInt(100) < 60) {
                    attempts.add(plausible(q));
                }
                set.put(form.id() + "/" + q.id(), attempts);
            }
        }
        return set;
    }

    private Object value(Question q) {
        int k = random.nextInt(100);
        if (k < 7) {
            return pick(List.of("", "   ", List.of(), "\t"), null);
        }
        boolean edge = k < 40;
        return switch (q.type()) {
            case TEXT, SHORT_TEXT -> q.id().equals(ConsentGate.CODE) ? code() : text(edge);
            case INTEGER -> edge ? integral(pick(numbers, BigDecimal.ZERO)) : BigDecimal.valueOf(random.nextInt(241) - 40);
            case DECIMAL -> edge ? pick(numbers, BigDecimal.ZERO)
                    : BigDecimal.valueOf(random.nextInt(30001) - 5000, 2);
            case DATE -> (edge ? pick(dates, today) : today.minusDays(random.nextInt(40000) - 2000)).toString();
            case SELECT_ONE -> q.id().equals(ConsentGate.PARTICIPATION) && random.nextInt(100) < 85 ? "yes"
                    : pick(q.choices(), null).id();
            case SELECT_MULTIPLE -> choices(q, edge);
            case AUDIO -> "recording-" + random.nextInt(100) + ".m4a";
            case NOTE -> null;
        };
    }

    /** An ordinary answer, which most constraints take. */
    private Object plausible(Question q) {
        return switch (q.type()) {
            case TEXT, SHORT_TEXT -> q.id().equals(ConsentGate.CODE)
                    ? site.id() + "-" + study.categories().get(0).id() + "-" + String.format("%03d", random.nextInt(1000))
                    : "word";
            case INTEGER -> BigDecimal.valueOf(12 + random.nextInt(39));
            case DECIMAL -> BigDecimal.valueOf(random.nextInt(5000), 2);
            case DATE -> today.minusDays(random.nextInt(3000)).toString();
            case SELECT_ONE -> q.id().equals(ConsentGate.PARTICIPATION) || q.id().equals("guardian_consent")
                    || q.id().equals("child_assent") ? "yes" : pick(q.choices(), null).id();
            case SELECT_MULTIPLE -> List.of(pick(q.choices(), null).id());
            case AUDIO -> "recording.m4a";
            case NOTE -> null;
        };
    }

    private static BigDecimal integral(BigDecimal n) {
        return n.setScale(0, java.math.RoundingMode.DOWN);
    }

    private List<String> choices(Question q, boolean edge) {
        List<String> ids = q.choices().stream().map(Choice::id).toList();
        if (edge) {
            return random.nextBoolean() ? ids : List.of(pick(ids, ids.get(0)));
        }
        Set<String> picked = new LinkedHashSet<>();
        for (String id : ids) {
            if (random.nextInt(3) == 0) {
                picked.add(id);
            }
        }
        List<String> shuffled = new ArrayList<>(picked);
        java.util.Collections.shuffle(shuffled, random);
        return shuffled;
    }

    private String code() {
        List<Site> sites = study.sites();
        List<Category> categories = study.categories();
        String category = pick(categories, categories.get(0)).id();
        String number = String.format("%03d", random.nextInt(1000));
        return switch (random.nextInt(10)) {
            case 0 -> pick(sites, site).id() + "-" + category + "-" + number;
            case 1 -> (site.id() + "-" + category + "-" + number).toLowerCase();
            case 2 -> site.id() + "-" + category + "-" + number.substring(1);
            case 3 -> text(true);
            case 4 -> site.id() + "-XX-" + number;
            default -> site.id() + "-" + category + "-" + number;
        };
    }

    private String text(boolean edge) {
        if (edge) {
            return switch (random.nextInt(7)) {
                case 0 -> scriptText(5000);
                case 1 -> "x".repeat(5000);
                case 2 -> String.valueOf(random.nextInt(100000));
                case 3 -> "AB-" + random.nextInt(1000);
                case 4 -> "x";
                case 5 -> scriptText(13);
                default -> "a".repeat(8 + random.nextInt(3));
            };
        }
        return random.nextBoolean() ? scriptText(1 + random.nextInt(25))
                : "word" + (random.nextBoolean() ? "" : " and " + random.nextInt(10));
    }

    /** Letters of the site's script (Khmer, Bengali, Devanagari or Thai). */
    private String scriptText(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(script[0] + random.nextInt(script[1] - script[0] + 1));
        }
        return sb.toString();
    }

    private static int[] script(String country) {
        return switch (country) {
            case "KH" -> new int[]{0x1780, 0x17A2};
            case "BD" -> new int[]{0x0995, 0x09B9};
            case "TH" -> new int[]{0x0E01, 0x0E2E};
            default -> new int[]{0x0915, 0x0939};
        };
    }

    private <T> T pick(List<T> list, T otherwise) {
        return list.isEmpty() ? otherwise : list.get(random.nextInt(list.size()));
    }
}
