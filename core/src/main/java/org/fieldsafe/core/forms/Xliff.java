package org.fieldsafe.core.forms;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/** XLIFF 1.2 writing and reading with the JDK's StAX. */
final class Xliff {
    static final String NS = "urn:oasis:names:tc:xliff:document:1.2";

    private Xliff() {
    }

    /**
     * XLIFF 1.2 {@code state} of a target, from the language's translation state: {@code needs-translation} (no
     * text), {@code needs-review-translation} (draft), {@code translated} (complete), {@code signed-off} (reviewed).
     */
    static String targetState(String translation, TranslationState state) {
        if (translation.isEmpty()) {
            return "needs-translation";
        }
        return switch (state) {
            case REVIEWED -> "signed-off";
            case COMPLETE -> "translated";
            default -> "needs-review-translation";
        };
    }

    /**
     * The translation state a target's XLIFF 1.2 {@code state} stands for: {@code signed-off} and {@code final}
     * are reviewed, {@code translated} complete, anything else (or none) draft.
     */
    static TranslationState stateOf(String xliffState) {
        if ("signed-off".equals(xliffState) || "final".equals(xliffState)) {
            return TranslationState.REVIEWED;
        }
        return "translated".equals(xliffState) ? TranslationState.COMPLETE : TranslationState.DRAFT;
    }

    static void write(Writer out, String formId, String source, String target, TranslationState state,
                      List<TemplateRow> rows) {
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("xliff");
            w.writeDefaultNamespace(NS);
            w.writeAttribute("version", "1.2");
            w.writeCharacters("\n  ");
            w.writeStartElement("file");
            w.writeAttribute("original", formId);
            w.writeAttribute("source-language", source);
            w.writeAttribute("target-language", target);
            w.writeAttribute("datatype", "plaintext");
            w.writeCharacters("\n    ");
            w.writeStartElement("body");
            for (TemplateRow row : rows) {
                w.writeCharacters("\n      ");
                w.writeStartElement("trans-unit");
                w.writeAttribute("id", row.key());
                w.writeAttribute("xml", XMLConstants.XML_NS_URI, "space", "preserve");
                w.writeCharacters("\n        ");
                element(w, "source", row.master());
                w.writeCharacters("\n        ");
                w.writeStartElement("target");
                w.writeAttribute("state", targetState(row.translation(), state));
                w.writeCharacters(row.translation());
                w.writeEndElement();
                w.writeCharacters("\n      ");
                w.writeEndElement();
            }
            w.writeCharacters("\n    ");
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XLIFF", e);
        }
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    static TranslationTemplates.XliffTemplate read(Reader in) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        String formId = null;
        String source = null;
        String target = null;
        Map<String, String> translations = new LinkedHashMap<>();
        Map<String, TranslationState> states = new LinkedHashMap<>();
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            String unit = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "xliff":
                        if (!"1.2".equals(r.getAttributeValue(null, "version"))) {
                            throw new IOException("not XLIFF 1.2");
                        }
                        break;
                    case "file":
                        formId = r.getAttributeValue(null, "original");
                        source = r.getAttributeValue(null, "source-language");
                        target = r.getAttributeValue(null, "target-language");
                        break;
                    case "trans-unit":
                        unit = r.getAttributeValue(null, "id");
                        if (unit == null || unit.isBlank()) {
                            throw new IOException("a trans-unit without id at line " + r.getLocation().getLineNumber());
                        }
                        break;
                    case "target":
                        TranslationState unitState = stateOf(r.getAttributeValue(null, "state"));
                        String text = r.getElementText();
                        if (unit != null && !text.isBlank()) {
                            translations.put(unit, NodeReader.nfc(text));
                            states.put(unit, unitState);
                        }
                        break;
                    default:
                        break;
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new IOException("not valid XLIFF: " + e.getMessage(), e);
        }
        if (formId == null || target == null) {
            throw new IOException("XLIFF without <file original=... target-language=...>");
        }
        return new TranslationTemplates.XliffTemplate(formId, source, target, translations, states);
    }
}
