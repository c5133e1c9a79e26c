package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/**
 * Forms as code.
 *
 * @param directory the folder holding one sub-folder per study; loaded and published at start-up
 */
public record FormsConfig(@JsonProperty @NotEmpty String directory) {
    public static FormsConfig defaults() {
        return new FormsConfig("./forms");
    }
}
