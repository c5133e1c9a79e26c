package org.fieldsafe.core.wire;

import java.util.List;

/** The server's health checks ({@code GET /health}): healthy when every check is. */
public record HealthReport(boolean healthy, List<Check> checks) {
    /** One check, by name, with its message (null when it says nothing). */
    public record Check(String name, boolean healthy, String message) {
    }
}
