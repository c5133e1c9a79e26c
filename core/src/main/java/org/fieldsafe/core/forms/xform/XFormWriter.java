package org.fieldsafe.core.forms.xform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.FormKind;
import org.fieldsafe.core.forms.Placeholders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a Fieldsafe form version as an ODK XForm 1.0 document (docs/forms.md, "XForms"): the instance under
 * {@code /data}, the consent form as the first group (for an interview form, the interview's group is relevant
 * only once consent passes), binds for type, relevant, constraint and required, itext in every language with the
 * master language as fallback, {@code meta/instanceID} and, optionally, an ODK {@code <submission>} with the RSA key
 * devices encrypt to. The XML is built with the JDK's DOM and serialised by its transformer.
 */
public final class XFormWriter {
    static final String XFORMS = "http://www.w3.org/2002/xforms";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String JR = "http://openrosa.org/javarosa";
    static final String ODK = "http://www.opendatakit.org/xforms";
    static final String ORX = "http://openrosa.org/xforms";
    static final String ROOT = "/data";

    private XFormWriter() {
    }

    /** The XForm of {@code form}, UTF-8 XML. {@link IllegalArgumentException} when the options do not fit it. */
    public static byte[] write(FormDefinition form, XFormOptions options) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(options, "options");
        List<XFormSection> sections = sections(form, options);
        Document doc = newDocument();
        Element html = doc.createElementNS(XHTML, "h:html");
        html.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", XFORMS);
        html.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:h", XHTML);
        html.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:jr", JR);
        html.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:odk", ODK);
        html.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:orx", ORX);
        doc.appendChild(html);
        Element head = child(html, XHTML, "h:head");
        child(head, XHTML, "h:title").setTextContent(form.title().get(form.masterLanguage()));
        Element model = child(head, XFORMS, "model");
        model.setAttributeNS(ODK, "odk:xforms-version", "1.0.0");

        XFormTexts texts = new XFormTexts(form.masterLanguage(), options.study().languages(),
                Placeholders.of(options.study()));
        Element body = doc.createElementNS(XHTML, "h:body");
        Element data = doc.createElementNS(XFORMS, "data");
        data.setAttribute("id", options.formId() != null ? options.formId() : form.id());
        data.setAttribute("version", options.version() != null ? options.version() : version(form, options));
        List<Element> binds = new ArrayList<>();
        for (XFormSection section : sections) {
            section.write(data, body, binds, texts);
        }
        Element meta = child(data, XFORMS, "meta");
        child(meta, XFORMS, "instanceID");

        model.appendChild(texts.itext(doc, sections.get(sections.size() - 1).form().languages().keySet()));
        child(model, XFORMS, "instance").appendChild(data);
        binds.forEach(model::appendChild);
        Element instanceId = child(model, XFORMS, "bind");
        instanceId.setAttribute("nodeset", ROOT + "/meta/instanceID");
        instanceId.setAttribute("type", "string");
        instanceId.setAttribute("readonly", "true()");
        instanceId.setAttributeNS(JR, "jr:preload", "uid");
        if (options.submissionUrl() != null || options.base64RsaPublicKey() != null) {
            Element submission = child(model, XFORMS, "submission");
            if (options.submissionUrl() != null) {
                submission.setAttribute("action", options.submissionUrl());
            }
            submission.setAttribute("method", "post");
            if (options.base64RsaPublicKey() != null) {
                submission.setAttribute("base64RsaPublicKey", options.base64RsaPublicKey());
            }
        }
        html.appendChild(body);
        return serialise(doc);
    }

    /** {@link #write} as a String. */
    public static String writeString(FormDefinition form, XFormOptions options) {
        return new String(write(form, options), StandardCharsets.UTF_8);
    }

    /** The consent group first, then (for an interview form) the interview's group gated by consent. */
    private static List<XFormSection> sections(FormDefinition form, XFormOptions options) {
        if (form.kind() == FormKind.CONSENT) {
            return List.of(XFormSection.consent(form, options.study(), options.site()));
        }
        FormDefinition consent = options.consentForm();
        if (consent == null || consent.kind() != FormKind.CONSENT || !consent.id().equals(form.consentForm())) {
            throw new IllegalArgumentException("interview form '" + form.id() + "' needs its consent form '"
                    + form.consentForm() + "' in the options (XFormOptions.forStudy)");
        }
        if (consent.id().equals(form.id()) || "meta".equals(form.id()) || "meta".equals(consent.id())) {
            throw new IllegalArgumentException("form ids '" + consent.id() + "' and '" + form.id()
                    + "' cannot both be groups of one XForm");
        }
        XFormSection consentSection = XFormSection.consent(consent, options.study(), options.site());
        return List.of(consentSection, XFormSection.interview(form, consentSection, options.study().ageOfMajority()));
    }

    /** The default version: the first hex digits of the form's hash, and of the consent form's. */
    private static String version(FormDefinition form, XFormOptions options) {
        String v = form.sha256().substring(0, 12);
        return options.consentForm() == null || form.kind() == FormKind.CONSENT ? v
                : v + "-" + options.consentForm().sha256().substring(0, 12);
    }

    static Element child(Element parent, String ns, String name) {
        Element e = parent.getOwnerDocument().createElementNS(ns, name);
        parent.appendChild(e);
        return e;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM is not available", e);
        }
    }

    private static byte[] serialise(Document doc) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not serialise the XForm", e);
        }
    }
}
