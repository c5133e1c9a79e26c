package org.fieldsafe.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.core.server.DefaultServerFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Dropwizard's default server plus Fieldsafe's request body limit ({@code server.maxRequestBytes}).
 * Dropwizard's own exception mappers are off: Fieldsafe registers its problem+json mappers instead.
 */
@JsonTypeName("fieldsafe")
public class FieldsafeServerFactory extends DefaultServerFactory {
    @Min(1024)
    @Max(1L << 30)
    private long maxRequestBytes = 1L << 20;

    public FieldsafeServerFactory() {
        setRegisterDefaultExceptionMappers(false);
    }

    @JsonProperty
    public long getMaxRequestBytes() {
        return maxRequestBytes;
    }

    @JsonProperty
    public void setMaxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }
}
