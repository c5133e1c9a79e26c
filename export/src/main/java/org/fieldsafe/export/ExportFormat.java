package org.fieldsafe.export;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.fieldsafe.core.util.WireEnum;

/**
 * A data file an export can write. The codebook ({@code codebook.csv}, {@code codebook.md}) and
 * {@code manifest.json} are always written besides the chosen formats. A {@link WireEnum} with a spelling of its own
 * ({@code wide}, {@code wide-bom}, ...), not its lower-case name.
 */
public enum ExportFormat implements WireEnum {
    /** One row per respondent of an interview, one column per question, select_multiple as 0/1 columns. */
    WIDE_CSV("wide", "export-wide.csv"),
    /** One row per answer: the shape qualitative coding tools read. */
    LONG_CSV("long", "export-long.csv"),
    /** One JSON object per respondent of an interview. */
    JSONL("jsonl", "export.jsonl"),
    /** The wide CSV with a UTF-8 byte order mark, so Excel opens Khmer, Thai, Bengali... text right. */
    WIDE_CSV_BOM("wide-bom", "export-wide-bom.csv"),
    /** The wide table as an Excel workbook (streamed, constant memory). */
    XLSX("xlsx", "export-wide.xlsx"),
    /**
     * A REFI-QDA project (QDPX: {@code project.qde} and {@code Sources/}) for NVivo, ATLAS.ti, MAXQDA and QualCoder:
     * one case per respondent, one text source per respondent's answers and per transcript and translation, the
     * study's starter codebook as codes.
     */
    QDPX("qdpx", "export.qdpx");

    /** The codebook, the manifest: written by every export besides the formats' files. */
    public static final String CODEBOOK_CSV = "codebook.csv";
    public static final String CODEBOOK_MARKDOWN = "codebook.md";
    public static final String MANIFEST = "manifest.json";
    /** Stata, SPSS and R syntax that read the wide CSV with the codebook's labels (written with {@code wide}). */
    public static final String STATA_DO = "export-wide.do";
    public static final String SPSS_SPS = "export-wide.sps";
    public static final String R_SCRIPT = "export-wide.r";

    private final String wire;
    private final String fileName;

    ExportFormat(String wire, String fileName) {
        this.wire = wire;
        this.fileName = fileName;
    }

    /** The name used in requests, the CLI and the manifest: {@code wide}, {@code long}, {@code jsonl}. */
    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The name of the file this format is written to. */
    public String fileName() {
        return fileName;
    }

    /** The formats written when none is named: wide, long and JSON Lines. */
    public static Set<ExportFormat> defaults() {
        return java.util.EnumSet.of(WIDE_CSV, LONG_CSV, JSONL);
    }

    /** Every file name an export can write: the formats' files, the codebook and the manifest. */
    public static Set<String> fileNames() {
        Set<String> names = new TreeSet<>(Set.of(CODEBOOK_CSV, CODEBOOK_MARKDOWN, MANIFEST, STATA_DO, SPSS_SPS,
                R_SCRIPT));
        for (ExportFormat f : values()) {
            names.add(f.fileName);
        }
        return Collections.unmodifiableSet(names);
    }

    /** Parses a wire name; {@link IllegalArgumentException} when unknown. */
    @JsonCreator
    public static ExportFormat of(String wire) {
        return WireEnum.find(ExportFormat.class, wire).orElseThrow(() -> new IllegalArgumentException(
                "unknown export format: " + wire + " (wide, long, jsonl, wide-bom, xlsx or qdpx)"));
    }

    @Override
    public String toString() {
        return wire;
    }
}
