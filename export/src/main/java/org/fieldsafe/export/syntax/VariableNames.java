package org.fieldsafe.export.syntax;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Column names that Stata, SPSS and R all accept as they are: a letter first, then letters, digits and
 * underscores, at most 32 characters (Stata's limit), no reserved word of Stata or SPSS, and unique even when case is
 * ignored (SPSS ignores it). A name that already qualifies is kept; another is cleaned, cut to fit and, if it then
 * collides, numbered ({@code _2}, {@code _3}, ...). The codebook maps every column back to its question.
 */
public final class VariableNames {
    public static final int MAX = 32;
    private static final Set<String> RESERVED = Set.of("_all", "_b", "byte", "_coef", "_cons", "double", "float",
            "if", "in", "int", "long", "_n", "_pi", "_pred", "_rc", "_skip", "strl", "using", "with", "and", "by",
            "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "all");

    private VariableNames() {
    }

    /** Whether {@code name} is usable as it is. */
    public static boolean valid(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_]{0," + (MAX - 1) + "}") && !RESERVED.contains(lower(name))
                && !lower(name).matches("str[0-9]+");
    }

    /** Each name to its safe, unique name, in the given order. */
    public static Map<String, String> of(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (valid(name) && taken.add(lower(name))) {
                out.put(name, name);
            }
        }
        for (String name : names) {
            if (out.containsKey(name)) {
                continue;
            }
            String base = name.replaceAll("[^A-Za-z0-9_]", "_");
            if (!base.matches("[A-Za-z].*")) {
                base = "v" + base;
            }
            String candidate = cut(base, "");
            for (int n = 2; !valid(candidate) || !taken.add(lower(candidate)); n++) {
                candidate = cut(base, "_" + n);
            }
            out.put(name, candidate);
        }
        return out;
    }

    private static String cut(String base, String suffix) {
        return base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
