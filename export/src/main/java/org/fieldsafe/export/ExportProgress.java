package org.fieldsafe.export;

/** Progress of an export: the phase ({@code open}, {@code write}, {@code done}), items done and the total. */
@FunctionalInterface
public interface ExportProgress {
    ExportProgress NONE = (phase, done, total) -> {
    };

    void update(String phase, long done, long total);
}
