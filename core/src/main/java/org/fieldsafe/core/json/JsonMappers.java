package org.fieldsafe.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Every Jackson mapper of core, built in one place, one kind per purpose (each caller keeps the one it needs in a
 * constant). Server and client add theirs on top of these.
 */
public final class JsonMappers {
    private JsonMappers() {
    }

    /** Jackson's defaults: the receipts' statements. */
    public static ObjectMapper plain() {
        return new ObjectMapper();
    }

    /** Refuses unknown properties and nulls for primitives: the sealed key files. */
    public static ObjectMapper strict() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Ignores unknown properties: the opened parts of a sealed submission, read for a few fields. */
    public static ObjectMapper lenient() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Canonical JSON of the model records ({@code CanonicalJson}): snake_case, ISO times, strict reading. */
    public static ObjectMapper canonical() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** Properties and map keys sorted, no white space: the envelope header's signed bytes. */
    public static ObjectMapper sorted() {
        return JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Indented output: an export's manifest. */
    public static ObjectMapper indented() {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** Decimals read as {@code BigDecimal}, exactly as written: the answers of an opened research part. */
    public static ObjectMapper exactDecimals() {
        return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    }

    /**
     * The admin CLI's HTTP client of the server's API (and its session file): Java time types (written as Jackson's
     * numeric timestamps by default, as the Dropwizard mapper it used before wrote them), unknown properties ignored.
     */
    public static ObjectMapper apiClient() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** YAML with Jackson's defaults: directory edits. */
    public static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory());
    }

    /** YAML as translators read it: no document marker, few quotes, numbers quoted as text. */
    public static ObjectMapper translationYaml() {
        return new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    }

    /** CSV: translation templates and export tables. */
    public static CsvMapper csv() {
        return new CsvMapper();
    }
}
