package org.fieldsafe.export;

import org.fieldsafe.core.forms.FormDefinition;

/** One stored form version an export knows: its version number and definition (translations merged). */
public record ExportForm(int version, FormDefinition definition) {

    public String id() {
        return definition.id();
    }

    /** The SHA-256 of the definition's canonical JSON, as headers name it. */
    public String sha256() {
        return definition.sha256();
    }
}
