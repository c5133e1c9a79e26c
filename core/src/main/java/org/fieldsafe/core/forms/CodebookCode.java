package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Map;

/**
 * One code of a study's starter codebook ({@code codebook:} in study.yaml): a theme or sub-theme qualitative
 * analysis starts from (exported as a REFI-QDA code). {@code label} and {@code description} map a language code to
 * text ({@code description} null when study.yaml has none); {@code children} are its sub-codes (never null).
 */
public record CodebookCode(String id, Map<String, String> label, Map<String, String> description,
                           List<CodebookCode> children) {
    public CodebookCode {
        children = children == null ? List.of() : List.copyOf(children);
    }
}
