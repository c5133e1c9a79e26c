package org.fieldsafe.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fieldsafe.server.auth.Secrets;
import org.fieldsafe.server.storage.CompiledForm;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.FormRejectedException;
import org.fieldsafe.server.storage.StudyBundleSource;

/**
 * Studies for server tests, independent of the core form validator: {@code study.json} gives the study
 * summary; each YAML file is a form whose canonical JSON is its content with sorted keys.
 */
public final class FixtureStudySource implements StudyBundleSource {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final TypeReference<TreeMap<String, String>> TEXTS = new TypeReference<>() {
    };

    private final Path root;

    public FixtureStudySource(Path root) {
        this.root = root;
    }

    @Override
    public List<Bundle> loadAll() {
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                JsonNode summary = JSON.readTree(dir.resolve("study.json").toFile());
                String canonical = canonical(summary);
                CompiledStudy study = new CompiledStudy(summary.get("id").asText(), Secrets.sha256Hex(canonical),
                        canonical, JSON.convertValue(summary.get("title"), TEXTS),
                        JSON.convertValue(summary.get("languages"), TEXTS),
                        List.of(JSON.treeToValue(summary.get("sites"), CompiledStudy.SiteDirectory[].class)));
                List<CompiledForm> forms = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                        forms.add(parseForm(Files.readString(file), file.toString(), canonical, study.id()));
                    }
                }
                bundles.add(new Bundle(study, forms));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundles;
    }

    @Override
    public CompiledForm parseForm(String yaml, String sourceName, String studyCanonicalJson, String studyId) {
        JsonNode form;
        try {
            form = YAML.readTree(yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FormRejectedException(List.of(sourceName + ":1: not valid YAML"));
        }
        if (form == null || !form.isObject() || !form.path("id").isTextual() || !form.path("kind").isTextual()) {
            throw new FormRejectedException(List.of(sourceName + ":1: id: id and kind are required"));
        }
        String canonical = canonical(form);
        Map<String, String> languages = form.has("languages")
                ? JSON.convertValue(form.get("languages"), TEXTS) : Map.of("en", "complete");
        return new CompiledForm(form.get("id").asText(), form.get("kind").asText(), Secrets.sha256Hex(canonical),
                canonical, languages);
    }

    private static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
