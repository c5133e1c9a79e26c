package org.fieldsafe.export.syntax;

import java.util.Map;

/**
 * One column of the wide CSV as the syntax files describe it: its (safe) name, label, type, value labels (value to
 * label, in the order of the map given, which the files keep: an ordered map, never a {@code Map.of}, whose order
 * changes from one JVM to the next) and whether it may hold the missing-value codes.
 */
public record Variable(String name, String label, Type type, Map<String, String> valueLabels, boolean missingCodes) {
    /** TEXT: any text; CATEGORICAL: choice ids with value labels; BINARY: 0/1; INTEGER: a whole number. */
    public enum Type { TEXT, CATEGORICAL, BINARY, INTEGER }

    public Variable {
        valueLabels = valueLabels == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(valueLabels));
    }

    /** The opening comment of a syntax file, each line after {@code comment}. */
    static String intro(String comment, String csvName, boolean runFromDirectory) {
        return comment + " Reads " + csvName + " (a Fieldsafe export) with the labels of its codebook.\n"
                + (runFromDirectory ? comment + " Run it from the directory that holds the CSV.\n" : "");
    }

    /** A label on one line, at most 80 characters (Stata's limit for variable labels). */
    static String oneLine(String s, int max) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.codePointCount(0, t.length()) <= max ? t : t.substring(0, t.offsetByCodePoints(0, max - 1)) + "…";
    }
}
