package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Sealed attachments ({@code PUT /api/v1/submissions/{id}/attachments/{name}}).
 *
 * @param maxAttachmentBytes largest sealed attachment accepted; a descriptor or upload claiming more gets 413
 * @param maxChunkBytes      largest chunk (request body) accepted in one PUT; larger gets 413
 */
public record AttachmentsConfig(
        @JsonProperty @Min(1) @Max(1L << 40) long maxAttachmentBytes,
        @JsonProperty @Min(1024) @Max(1L << 30) long maxChunkBytes) {

    public static AttachmentsConfig defaults() {
        return new AttachmentsConfig(512L << 20, 1L << 20);
    }
}
