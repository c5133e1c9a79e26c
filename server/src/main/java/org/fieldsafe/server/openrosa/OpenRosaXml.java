package org.fieldsafe.server.openrosa;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The OpenRosa form list and manifest documents, written with the JDK's StAX writer (which escapes the text). */
public final class OpenRosaXml {
    public static final String XFORMS_LIST = "http://openrosa.org/xforms/xformsList";
    public static final String XFORMS_MANIFEST = "http://openrosa.org/xforms/xformsManifest";

    private OpenRosaXml() {
    }

    /** One form of the list with the URLs it is fetched from. */
    public record Entry(OpenRosaForms.XForm form, String downloadUrl, String manifestUrl) {
    }

    /** One media file with its URL. */
    public record MediaEntry(OpenRosaForms.Media media, String downloadUrl) {
    }

    public static byte[] formList(List<Entry> entries) {
        return write(XFORMS_LIST, "xforms", w -> {
            for (Entry e : entries) {
                w.writeStartElement("xform");
                text(w, "formID", e.form().formId());
                text(w, "name", e.form().name());
                text(w, "version", e.form().version());
                text(w, "hash", e.form().hash());
                text(w, "downloadUrl", e.downloadUrl());
                text(w, "manifestUrl", e.manifestUrl());
                w.writeEndElement();
            }
        });
    }

    public static byte[] manifest(List<MediaEntry> files) {
        return write(XFORMS_MANIFEST, "manifest", w -> {
            for (MediaEntry f : files) {
                w.writeStartElement("mediaFile");
                text(w, "filename", f.media().fileName());
                text(w, "hash", f.media().hash());
                text(w, "downloadUrl", f.downloadUrl());
                w.writeEndElement();
            }
        });
    }

    private interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static byte[] write(String namespace, String root, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(namespace);
            w.writeStartElement(namespace, root);
            w.writeDefaultNamespace(namespace);
            body.write(w);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the OpenRosa document does not write", e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }
}
