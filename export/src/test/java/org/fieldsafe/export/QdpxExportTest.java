package org.fieldsafe.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.fieldsafe.core.crypto.KeyPairBytes;
import org.fieldsafe.core.crypto.RecipientKey;
import org.fieldsafe.core.crypto.TranscriptSealing;
import org.fieldsafe.core.crypto.StudyKeys;
import org.fieldsafe.core.forms.CodebookCode;
import org.fieldsafe.core.forms.Site;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.json.JsonMappers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 17 point 3: the QDPX export (REFI-QDA Project Exchange 1.0) of the synthetic 94-interview study, read back
 * with the JDK's DOM and XPath (not the writer's classes) and checked against the schema in
 * {@code ../shared/refi-qda/Project.xsd} (beside the clone, as in CI) and against the wide CSV of the same export
 * (same pseudonyms, same released values).
 */
class QdpxExportTest {
    /** The REFI-QDA schema, read from the shared folder beside the clone (tests run in the module's directory). */
    static final Path XSD = Path.of("..", "..", "shared", "refi-qda", "Project.xsd");
    private static final String NS = "urn:QDA-XML:project:1.0";
    private static final StudyBundle STUDY = ExportFixtures.bundle();
    private static final KeyPairBytes KEY = StudyKeys.generateX25519();
    private static final ExportFixtures.Generated DATA = SyntheticStudy.generate(STUDY, KEY,
            StudyKeys.generateX25519(), 94);
    private static final CsvMapper CSV = JsonMappers.csv();

    @TempDir
    static Path dir;
    private static ExportManifest manifest;
    private static Map<String, byte[]> zip;
    private static Document project;
    private static XPath xpath;

    @BeforeAll
    static void export() throws Exception {
        manifest = new Exporter(STUDY.study(), ExportFixtures.forms(STUDY), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.QDPX, ExportFormat.WIDE_CSV), "en", null,
                        false),
                ExportFixtures.listSource(DATA.submissions()), KEY.fingerprint(), KEY.privateKey(),
                new DirectorySink(dir.resolve("out")), dir.resolve("work"), ExportProgress.NONE);
        zip = unzip(Files.readAllBytes(dir.resolve("out").resolve("export.qdpx")));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = f.newDocumentBuilder();
        project = builder.parse(new ByteArrayInputStream(zip.get("project.qde")));
        xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "q".equals(prefix) ? NS : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(out.put(e.getName(), in.readAllBytes())).as("entry %s once", e.getName()).isNull();
            }
        }
        return out;
    }

    private static List<Element> all(String expression) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expression, project, XPathConstants.NODESET);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static List<Map<String, String>> wide() throws IOException {
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(dir.resolve("out").resolve("export-wide.csv").toFile())) {
            return it.readAll();
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagNameNS(NS, child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void exportQdpx_projectFile_validatesAgainstRefiQdaSchema() throws Exception {
        assertThat(XSD).as("../shared/refi-qda/Project.xsd beside the clone").exists();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(zip.get("project.qde"))));
        assertThat(project.getDocumentElement().getNamespaceURI()).isEqualTo(NS);
        assertThat(project.getDocumentElement().getLocalName()).isEqualTo("Project");
    }

    @Test
    void exportQdpx_everyReferenceAndPath_resolves() throws Exception {
        Set<String> guids = new HashSet<>();
        for (Element e : all("//*[@guid]")) {
            assertThat(guids.add(e.getAttribute("guid"))).as("guid %s unique", e.getAttribute("guid")).isTrue();
        }
        Set<String> sources = new HashSet<>();
        for (Element s : all("/q:Project/q:Sources/q:TextSource")) {
            sources.add(s.getAttribute("guid"));
            String path = s.getAttribute("plainTextPath");
            assertThat(path).startsWith("internal://");
            assertThat(zip).containsKey("Sources/" + path.substring("internal://".length()));
        }
        Set<String> variables = new HashSet<>();
        all("/q:Project/q:Variables/q:Variable").forEach(v -> variables.add(v.getAttribute("guid")));
        Set<String> codes = new HashSet<>();
        all("//q:CodeBook//q:Code").forEach(c -> codes.add(c.getAttribute("guid")));
        for (Element ref : all("//q:SourceRef")) {
            assertThat(sources).contains(ref.getAttribute("targetGUID"));
        }
        for (Element ref : all("//q:VariableRef")) {
            assertThat(variables).contains(ref.getAttribute("targetGUID"));
        }
        for (Element ref : all("//q:CodeRef")) {
            assertThat(codes).contains(ref.getAttribute("targetGUID"));
        }
        // every file in Sources/ is a source of the project: nothing unlisted rides along
        Set<String> listed = new HashSet<>();
        sources.forEach(g -> listed.add("Sources/" + g + ".txt"));
        assertThat(zip.keySet()).allSatisfy(name -> assertThat(name.equals("project.qde") || listed.contains(name))
                .as(name).isTrue());
        assertThat(all("//q:SourceRef")).isNotEmpty();
        assertThat(all("//q:VariableRef")).isNotEmpty();
    }

    @Test
    void exportQdpx_syntheticStudy_everyCaseSourceCodeAndVariableValueReadBack() throws Exception {
        List<Map<String, String>> rows = wide();
        assertThat(rows).hasSize((int) manifest.counts().respondentsExported()).isNotEmpty();
        Map<String, String> variableName = new HashMap<>();
        all("/q:Project/q:Variables/q:Variable").forEach(v -> variableName.put(v.getAttribute("guid"),
                v.getAttribute("name")));
        assertThat(variableName.values()).containsExactlyInAnyOrder("site", "country", "category", "language",
                "gender", "age");
        Map<String, Element> sourceByGuid = new HashMap<>();
        all("/q:Project/q:Sources/q:TextSource").forEach(s -> sourceByGuid.put(s.getAttribute("guid"), s));
        Map<String, Element> caseByName = new HashMap<>();
        for (Element c : all("/q:Project/q:Cases/q:Case")) {
            assertThat(caseByName.put(c.getAttribute("name"), c)).as("one case per respondent").isNull();
        }
        assertThat(caseByName).hasSize(rows.size());
        Map<String, String> countryOf = new HashMap<>();
        for (Site s : STUDY.study().sites()) {
            countryOf.put(s.id(), s.country());
        }
        String heading = STUDY.form("interview").orElseThrow().question("q_meaning").orElseThrow().label().get("en");
        for (Map<String, String> row : rows) {
            Element c = caseByName.get(row.get("respondent"));
            assertThat(c).as("case of %s", row.get("respondent")).isNotNull();
            Map<String, String> values = new HashMap<>();
            NodeList vv = c.getElementsByTagNameNS(NS, "VariableValue");
            for (int i = 0; i < vv.getLength(); i++) {
                Element v = (Element) vv.item(i);
                Element ref = (Element) v.getElementsByTagNameNS(NS, "VariableRef").item(0);
                values.put(variableName.get(ref.getAttribute("targetGUID")), text(v, "TextValue"));
            }
            assertThat(values).containsEntry("site", row.get("site")).containsEntry("category", row.get("category"))
                    .containsEntry("language", row.get("language")).containsEntry("gender", row.get("gender"))
                    .containsEntry("age", row.get("age"))
                    .containsEntry("country", countryOf.getOrDefault(row.get("site"),
                            countryOf.containsValue(row.get("site")) ? row.get("site") : "*"));
            NodeList refs = c.getElementsByTagNameNS(NS, "SourceRef");
            assertThat(refs.getLength()).isEqualTo(1);
            Element source = sourceByGuid.get(((Element) refs.item(0)).getAttribute("targetGUID"));
            String file = source.getAttribute("plainTextPath").substring("internal://".length());
            String answers = utf8(zip.get("Sources/" + file));
            assertThat(answers).startsWith(heading + "\n").contains(row.get("q_meaning"));
            assertThat(source.getAttribute("name")).contains(row.get("interview")).contains(row.get("respondent"));
        }
        List<String> codeNames = new ArrayList<>();
        all("//q:CodeBook//q:Code").forEach(c -> codeNames.add(c.getAttribute("name")));
        List<String> expected = new ArrayList<>();
        collect(STUDY.study().codebook(), expected);
        assertThat(codeNames).containsExactlyElementsOf(expected);
        assertThat(all("//q:Code[@name='Causes']/q:Code[@name='Poverty']/q:Description")).singleElement()
                .satisfies(d -> assertThat(d.getTextContent()).contains("all but one"));
        assertThat(manifest.qdpx()).isEqualTo(new ExportManifest.Qdpx(rows.size(), rows.size(), 0, 0, 0,
                expected.size()));
        assertThat(manifest.qdpx().audio()).isEqualTo(ExportManifest.Qdpx.NO_AUDIO);
        assertThat(manifest.qdpx().recordings()).isNull();
        assertThat(zip.keySet()).noneMatch(name -> name.endsWith(".wav"));
        assertThat(manifest.files()).containsKey("export.qdpx");
    }

    private static void collect(List<CodebookCode> codes, List<String> out) {
        for (CodebookCode c : codes) {
            out.add(c.label().get("en"));
            collect(c.children(), out);
        }
    }

    @Test
    void exportQdpx_sourceTexts_utf8IntactInEveryScriptAndWithinTheirSources() throws Exception {
        StringBuilder everything = new StringBuilder();
        for (Element s : all("/q:Project/q:Sources/q:TextSource")) {
            String text = utf8(zip.get("Sources/" + s.getAttribute("plainTextPath").substring("internal://".length())));
            assertThat(text).isNotEmpty();
            // a selection, where one is written, lies inside its source's text
            NodeList selections = s.getElementsByTagNameNS(NS, "PlainTextSelection");
            for (int i = 0; i < selections.getLength(); i++) {
                Element sel = (Element) selections.item(i);
                int start = Integer.parseInt(sel.getAttribute("startPosition"));
                int end = Integer.parseInt(sel.getAttribute("endPosition"));
                assertThat(start).isBetween(0, end);
                assertThat(end).isLessThanOrEqualTo(text.codePointCount(0, text.length()));
            }
            everything.append(text).append('\n');
        }
        String all = everything.toString();
        Map<String, String> scripts = Map.of("Bengali", "[\\u0980-\\u09FF]", "Khmer", "[\\u1780-\\u17FF]",
                "Devanagari", "[\\u0900-\\u097F]", "Thai", "[\\u0E00-\\u0E7F]", "English", "human trafficking");
        scripts.forEach((script, pattern) -> assertThat(java.util.regex.Pattern.compile(pattern).matcher(all).find())
                .as(script).isTrue());
        // the generator's own sentences come back byte for byte (Hindi and Nepali both in Devanagari)
        for (String language : List.of("bn", "km", "hi", "ne", "th")) {
            assertThat(SyntheticPeople.SENTENCES.get(language)).anySatisfy(s -> assertThat(all).contains(s.strip()));
        }
    }

    @Test
    void exportQdpx_directIdentifiersAndRespondentCodes_absent() throws Exception {
        byte[] file = Files.readAllBytes(dir.resolve("out").resolve("export.qdpx"));
        StringBuilder text = new StringBuilder();
        for (byte[] entry : zip.values()) {
            text.append(new String(entry, StandardCharsets.UTF_8));
        }
        for (String value : DATA.directValues()) {
            assertThat(text.toString()).doesNotContain(value);
        }
        for (ExportFixtures.Answered a : DATA.answered()) {
            assertThat(text.toString()).doesNotContain(a.person().code());
        }
        assertThat(file).isNotEmpty();
    }

    /**
     * Transcripts (Khmer, Bengali...) and English translations sealed to the research key as i17-parts stores them:
     * each opened and written once as a text source linked to its respondent's case (found by the interview's marker,
     * which the answers carry); a suppressed respondent's are absent; a part moved to another version does not open,
     * is counted and left out.
     */
    @Test
    void exportQdpx_transcriptsAndTranslations_sourcesLinkedToTheRespondentsCase(@TempDir Path tmp) throws Exception {
        List<SealedSubmission> withTexts = new ArrayList<>();
        Map<String, String> transcriptOf = new HashMap<>();
        Map<String, String> translationOf = new HashMap<>();
        List<RecipientKey> research = List.of(RecipientKey.of(KEY.publicKey()));
        for (int i = 0; i < DATA.submissions().size(); i++) {
            SealedSubmission s = DATA.submissions().get(i);
            ExportFixtures.Answered a = DATA.answered().get(i);
            if (i % 3 != 0) {
                withTexts.add(s);
                continue;
            }
            String language = SyntheticPeople.LANGUAGE.get(a.person().site());
            String transcript = SyntheticPeople.SENTENCES.get(language).get(i % 4) + " (" + a.marker() + " transcript)";
            String translation = "People are promised good jobs in the city. (" + a.marker() + " translation)";
            transcriptOf.put(a.marker(), transcript);
            translationOf.put(a.marker(), translation);
            List<SealedSubmission.TextPart> parts = new ArrayList<>();
            parts.add(new SealedSubmission.TextPart("transcript", language, 2, "checked", TranscriptSealing.toBytes(
                    TranscriptSealing.seal(s.header(), "transcript", language, 2, transcript, research))));
            parts.add(new SealedSubmission.TextPart("translation", "en", 1, "done", TranscriptSealing.toBytes(
                    TranscriptSealing.seal(s.header(), "translation", "en", 1, translation, research))));
            if (i == 0) {
                // sealed as version 1, stored as version 3: the associated data no longer matches
                parts.add(new SealedSubmission.TextPart("translation", "fr", 3, "done", TranscriptSealing.toBytes(
                        TranscriptSealing.seal(s.header(), "translation", "fr", 1, "moved", research))));
            }
            withTexts.add(new SealedSubmission(s.submissionId(), s.header(), s.envelope(), parts));
        }
        ExportManifest m = new Exporter(STUDY.study(), ExportFixtures.forms(STUDY), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.QDPX), "km", null, false),
                ExportFixtures.listSource(withTexts), KEY.fingerprint(), KEY.privateKey(),
                new DirectorySink(tmp.resolve("out")), tmp.resolve("work"), ExportProgress.NONE);
        Map<String, byte[]> files = unzip(Files.readAllBytes(tmp.resolve("out").resolve("export.qdpx")));
        Document doc = validProject(files);
        Map<String, String> textOfSource = new HashMap<>();
        Map<String, String> nameOfSource = new HashMap<>();
        NodeList sources = doc.getElementsByTagNameNS(NS, "TextSource");
        for (int i = 0; i < sources.getLength(); i++) {
            Element e = (Element) sources.item(i);
            String path = e.getAttribute("plainTextPath").substring("internal://".length());
            textOfSource.put(e.getAttribute("guid"), utf8(files.get("Sources/" + path)));
            nameOfSource.put(e.getAttribute("guid"), e.getAttribute("name"));
        }
        int released = 0;
        NodeList cases = doc.getElementsByTagNameNS(NS, "Case");
        Set<String> markersSeen = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            List<String> texts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            NodeList refs = c.getElementsByTagNameNS(NS, "SourceRef");
            for (int r = 0; r < refs.getLength(); r++) {
                String guid = ((Element) refs.item(r)).getAttribute("targetGUID");
                texts.add(textOfSource.get(guid));
                names.add(nameOfSource.get(guid));
            }
            String answers = texts.get(0);
            String marker = transcriptOf.keySet().stream().filter(answers::contains).findFirst().orElse(null);
            if (marker == null) {
                assertThat(texts).hasSize(1);
                continue;
            }
            released++;
            markersSeen.add(marker);
            assertThat(texts).containsExactly(answers, transcriptOf.get(marker), translationOf.get(marker));
            assertThat(names.get(1)).contains("transcript").endsWith(" v2");
            assertThat(names.get(2)).contains("translation en v1");
        }
        assertThat(released).isPositive();
        assertThat(m.qdpx().transcriptSources()).isEqualTo(released);
        assertThat(m.qdpx().translationSources()).isEqualTo(released);
        assertThat(m.qdpx().textsUnopenable()).isEqualTo(1);
        // a suppressed respondent's transcript is nowhere in the file
        String all = String.join("\n", textOfSource.values());
        transcriptOf.forEach((marker, text) -> assertThat(all.contains(text)).isEqualTo(markersSeen.contains(marker)));
        assertThat(all).doesNotContain("moved");
    }

    /**
     * Issue 17, audio under a principal investigator's grant: every released interview with a recording gets an
     * AudioSource whose file is the recording's plaintext byte for byte (its own container's extension), with the
     * interview's transcript and translation attached as Transcripts pointing at their text source files, and a
     * SyncPoint per time mark at the mark's place in the text as exported - after the text scan replaced an
     * organisation's name before the marks (shorter than the name, so a position taken from the original text would
     * be wrong); the respondent's case refers to the AudioSource too. Read from a fake store of sealed recordings,
     * three chunks each.
     */
    @Test
    void exportQdpx_withAudio_audioSourcesCarryTranscriptsAndSyncPoints(@TempDir Path tmp) throws Exception {
        List<SealedSubmission> withAudio = new ArrayList<>();
        Map<String, byte[]> sealedById = new HashMap<>();
        Map<String, String> sha256ByMarker = new HashMap<>();
        List<RecipientKey> research = List.of(RecipientKey.of(KEY.publicKey()));
        com.fasterxml.jackson.databind.ObjectMapper json = JsonMappers.plain();
        for (int i = 0; i < DATA.submissions().size(); i++) {
            SealedSubmission s = DATA.submissions().get(i);
            ExportFixtures.Answered a = DATA.answered().get(i);
            if (i % 3 != 0) {
                withAudio.add(s);
                continue;
            }
            byte[] recording = wav(2 * 64 * 1024 + 1000 + i);
            java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
            org.fieldsafe.core.wire.Envelope.Attachment descriptor = org.fieldsafe.core.crypto.AttachmentSealing.seal(
                    s.header(), "recording", "q_recording", recording, sealed, research);
            sealedById.put(s.submissionId(), sealed.toByteArray());
            sha256ByMarker.put(a.marker(), sha256(recording));
            com.fasterxml.jackson.databind.node.ObjectNode envelope =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(s.envelope());
            envelope.set("attachments", json.valueToTree(List.of(descriptor)));
            String transcript = "Ministry of Social Development and Human Security came. [00:05] " + a.marker()
                    + " [1:02:03] end";
            String translation = "[00:00] " + a.marker() + " in English";
            List<SealedSubmission.TextPart> parts = List.of(
                    new SealedSubmission.TextPart("transcript", "km", 1, "done", TranscriptSealing.toBytes(
                            TranscriptSealing.seal(s.header(), "transcript", "km", 1, transcript, research))),
                    new SealedSubmission.TextPart("translation", "en", 1, "done", TranscriptSealing.toBytes(
                            TranscriptSealing.seal(s.header(), "translation", "en", 1, translation, research))));
            withAudio.add(new SealedSubmission(s.submissionId(), s.header(), json.writeValueAsBytes(envelope), parts));
        }
        SealedRecordings store = new SealedRecordings() {
            @Override
            public boolean complete(String submissionId, String name) {
                return "recording".equals(name) && sealedById.containsKey(submissionId);
            }

            @Override
            public byte[] sealed(String submissionId, String name, long offset, int length) {
                return java.util.Arrays.copyOfRange(sealedById.get(submissionId), (int) offset, (int) offset + length);
            }
        };
        SealedSource source = ExportFixtures.listSource(withAudio, store);
        ExportManifest m = new Exporter(STUDY.study(), ExportFixtures.forms(STUDY), Clock.systemUTC(), 2).run(
                new ExportRequest("beyond-awareness", Set.of(ExportFormat.QDPX), "en", null, false, 0,
                        new ExportRequest.Audio("5b0c2f5e-0000-4000-8000-000000000001", "pi1")),
                source, KEY.fingerprint(), KEY.privateKey(), new DirectorySink(tmp.resolve("out")),
                tmp.resolve("work"), ExportProgress.NONE);
        Map<String, byte[]> files = unzip(Files.readAllBytes(tmp.resolve("out").resolve("export.qdpx")));
        Document doc = validProject(files);
        Map<String, String> fileOfText = new HashMap<>();
        NodeList texts = doc.getElementsByTagNameNS(NS, "TextSource");
        for (int i = 0; i < texts.getLength(); i++) {
            Element e = (Element) texts.item(i);
            fileOfText.put(e.getAttribute("guid"), e.getAttribute("plainTextPath"));
        }
        NodeList audios = doc.getElementsByTagNameNS(NS, "AudioSource");
        Set<String> audioGuids = new HashSet<>();
        Set<String> markersHeard = new HashSet<>();
        long bytes = 0;
        for (int i = 0; i < audios.getLength(); i++) {
            Element audio = (Element) audios.item(i);
            audioGuids.add(audio.getAttribute("guid"));
            assertThat(audio.getAttribute("path")).isEqualTo("internal://" + audio.getAttribute("guid") + ".wav");
            byte[] entry = files.get("Sources/" + audio.getAttribute("guid") + ".wav");
            assertThat(entry).as("the audio entry of %s", audio.getAttribute("name")).isNotNull();
            bytes += entry.length;
            NodeList transcripts = audio.getElementsByTagNameNS(NS, "Transcript");
            assertThat(transcripts.getLength()).isEqualTo(2);
            String marker = null;
            for (int t = 0; t < transcripts.getLength(); t++) {
                Element transcript = (Element) transcripts.item(t);
                String path = transcript.getAttribute("plainTextPath");
                assertThat(fileOfText).containsValue(path);
                assertThat(transcript.getElementsByTagNameNS(NS, "PlainTextContent").getLength()).isZero();
                String text = utf8(files.get("Sources/" + path.substring("internal://".length())));
                NodeList syncs = transcript.getElementsByTagNameNS(NS, "SyncPoint");
                List<Long> times = new ArrayList<>();
                for (int p = 0; p < syncs.getLength(); p++) {
                    Element sync = (Element) syncs.item(p);
                    int position = Integer.parseInt(sync.getAttribute("position"));
                    assertThat(position).isBetween(0, text.codePointCount(0, text.length()) - 1);
                    assertThat(text.substring(text.offsetByCodePoints(0, position))).startsWith("[");
                    times.add(Long.parseLong(sync.getAttribute("timeStamp")));
                }
                if (text.startsWith("[ORGANISATION]")) {
                    assertThat(times).containsExactly(5_000L, 3_723_000L);
                    marker = sha256ByMarker.keySet().stream().filter(text::contains).findFirst().orElseThrow();
                } else {
                    assertThat(times).containsExactly(0L);
                }
            }
            assertThat(marker).as("the transcript, redacted before its marks").isNotNull();
            assertThat(sha256(entry)).isEqualTo(sha256ByMarker.get(marker));
            assertThat(audio.getAttribute("name")).startsWith("I-").doesNotContain(marker);
            markersHeard.add(marker);
        }
        assertThat(audioGuids).isNotEmpty();
        // every audio source is some released respondent's, and every case with a transcript refers to its audio
        Set<String> referred = new HashSet<>();
        NodeList refs = doc.getElementsByTagNameNS(NS, "SourceRef");
        for (int i = 0; i < refs.getLength(); i++) {
            referred.add(((Element) refs.item(i)).getAttribute("targetGUID"));
        }
        assertThat(referred).containsAll(audioGuids);
        assertThat(m.qdpx().audio()).isEqualTo(ExportManifest.Qdpx.AUDIO);
        assertThat(m.qdpx().recordings()).isEqualTo(new ExportManifest.Recordings(audioGuids.size(), bytes, 0,
                "5b0c2f5e-0000-4000-8000-000000000001", "pi1"));
        assertThat(m.qdpx().transcriptSources()).isEqualTo(audioGuids.size());
        // nothing of the recordings or the export's key stays in the work directory
        try (var left = Files.walk(tmp.resolve("work"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void exportRequest_audioWithoutQdpx_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExportRequest("beyond-awareness",
                Set.of(ExportFormat.WIDE_CSV), "en", null, false, 0, new ExportRequest.Audio("g", "pi1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QDPX only");
    }

    /** The zip's project file, once it is found valid against the REFI-QDA schema. */
    private static Document validProject(Map<String, byte[]> files) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(XSD.toFile()).newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(files.get("project.qde"))));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(files.get("project.qde")));
    }

    /** A WAV header and {@code size} bytes in all, the rest random: a recording as the sniffing tells it. */
    private static byte[] wav(int size) {
        byte[] b = new byte[size];
        new java.util.Random(size).nextBytes(b);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        return b;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
