package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code admin forms xform} on the reference study. That JavaRosa loads what it writes, and agrees with the field
 * app's engine, is client-lib's XFormJavaRosaTest and XFormDifferentialTest.
 */
class XFormCommandTest {
    private static final Path REFERENCE = Path.of("..", "forms", "beyond-awareness");
    private static final String XFORMS = "http://www.w3.org/2002/xforms";

    @TempDir
    Path tmp;

    private static CliRun admin(String... args) {
        return CliRun.of(Map.of(), args);
    }

    @Test
    void xform_referenceInterview_writesConsentGroupFirstAndEveryLanguage() throws Exception {
        Path out = tmp.resolve("interview.xml");
        CliRun run = admin("forms", "xform", "--study-dir", REFERENCE.toString(), "--form", "interview",
                "--site", "KH-SVR", "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote form interview as an XForm").contains(out.toString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(out.toFile());
        Element data = (Element) doc.getElementsByTagNameNS(XFORMS, "data").item(0);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < data.getChildNodes().getLength(); i++) {
            if (data.getChildNodes().item(i) instanceof Element e) {
                groups.add(e.getLocalName());
            }
        }
        assertThat(groups).containsExactly("consent", "interview", "meta");
        List<String> langs = new ArrayList<>();
        NodeList translations = doc.getElementsByTagNameNS(XFORMS, "translation");
        for (int i = 0; i < translations.getLength(); i++) {
            langs.add(((Element) translations.item(i)).getAttribute("lang"));
        }
        assertThat(langs).contains("English (en)", "Khmer (km)", "Bengali (bn)");
        String interviewRelevant = null;
        String codeConstraint = null;
        NodeList binds = doc.getElementsByTagNameNS(XFORMS, "bind");
        for (int i = 0; i < binds.getLength(); i++) {
            Element bind = (Element) binds.item(i);
            if (bind.getAttribute("nodeset").equals("/data/interview")) {
                interviewRelevant = bind.getAttribute("relevant");
            }
            if (bind.getAttribute("nodeset").equals("/data/consent/respondent_code")) {
                codeConstraint = bind.getAttribute("constraint");
            }
        }
        assertThat(interviewRelevant).contains("/data/consent/participation = 'yes'");
        assertThat(codeConstraint).contains("starts-with(., 'KH-SVR-')");
    }

    @Test
    void xform_unknownForm_exitsNonZeroAndWritesNothing() {
        Path out = tmp.resolve("nope.xml");
        CliRun run = admin("forms", "xform", "--study-dir", REFERENCE.toString(), "--form", "nope", "--out",
                out.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("No form 'nope'");
        assertThat(out).doesNotExist();
    }

    @Test
    void xform_unknownSite_exitsNonZeroAndWritesNothing() {
        Path out = tmp.resolve("consent.xml");
        CliRun run = admin("forms", "xform", "--study-dir", REFERENCE.toString(), "--form", "consent", "--site",
                "XX-NOP", "--out", out.toString());

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("No site 'XX-NOP'");
        assertThat(out).doesNotExist();
    }
}
