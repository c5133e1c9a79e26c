package org.fieldsafe.core.crypto.odk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The plaintext manifest ODK Collect posts as {@code xml_submission_file} for an encrypted form: root {@code data}
 * in the {@value #NAMESPACE} namespace with {@code id}, optional {@code version} and {@code encrypted="yes"};
 * {@code base64EncryptedKey}; {@code meta/instanceID}; one {@code media/file} per attachment (the {@code .enc}
 * name); {@code encryptedXmlFile}; {@code base64EncryptedElementSignature}. Parsed with DTDs and external entities
 * off. File names are plain names (no path), ending in {@code .enc}.
 */
public record OdkManifest(String formId, String version, String instanceId, String base64EncryptedKey,
        String encryptedXmlFile, List<String> mediaFiles, String base64Signature) {
    public static final String NAMESPACE = "http://opendatakit.org/submissions";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.enc");
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9:._-]{1,100}");
    private static final Pattern FORM_ID = Pattern.compile("[A-Za-z0-9:._-]{1,200}");
    private static final int MAX_MEDIA = 500;

    public OdkManifest {
        mediaFiles = List.copyOf(mediaFiles);
    }

    /** Every encrypted file the submission needs: the media in manifest order, then the submission XML. */
    public List<String> allFiles() {
        List<String> all = new ArrayList<>(mediaFiles);
        all.add(encryptedXmlFile);
        return all;
    }

    /** The name a file had before Collect encrypted it (its {@code .enc} suffix removed). */
    public static String plainName(String encryptedName) {
        return encryptedName.substring(0, encryptedName.length() - ".enc".length());
    }

    public static OdkManifest parse(byte[] xml) throws OdkManifestException {
        Element root = root(xml);
        if (!"data".equals(root.getLocalName()) || !"yes".equals(root.getAttribute("encrypted"))
                || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw new OdkManifestException("the submission is not ODK-encrypted; this form accepts only encrypted"
                    + " submissions (the form carries base64RsaPublicKey)", true);
        }
        String formId = require(root.getAttribute("id"), FORM_ID, "data/@id");
        String version = root.hasAttribute("version") ? root.getAttribute("version") : null;
        String key = text(root, "base64EncryptedKey", true);
        Element meta = child(root, "meta");
        String instanceId = require(meta == null ? null : text(meta, "instanceID", true), INSTANCE_ID,
                "meta/instanceID");
        String xmlFile = require(text(root, "encryptedXmlFile", true), FILE_NAME, "encryptedXmlFile");
        List<String> media = new ArrayList<>();
        for (Element m : children(root, "media")) {
            String name = require(text(m, "file", true), FILE_NAME, "media/file");
            if (media.contains(name) || name.equals(xmlFile)) {
                throw new OdkManifestException("media/file names a file twice", false);
            }
            media.add(name);
        }
        if (media.size() > MAX_MEDIA) {
            throw new OdkManifestException("more than " + MAX_MEDIA + " media files", false);
        }
        String signature = text(root, "base64EncryptedElementSignature", false);
        return new OdkManifest(formId, version, instanceId, key, xmlFile, media, signature);
    }

    private static Element root(byte[] xml) throws OdkManifestException {
        try {
            return OdkXml.root(xml);
        } catch (IllegalArgumentException e) {
            throw new OdkManifestException("xml_submission_file is not well-formed XML", false);
        }
    }

    private static String require(String value, Pattern pattern, String where) throws OdkManifestException {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new OdkManifestException("the manifest's " + where + " is missing or malformed", false);
        }
        return value;
    }

    private static String text(Element parent, String name, boolean required) throws OdkManifestException {
        Element element = child(parent, name);
        String value = element == null ? null : element.getTextContent().strip();
        if (required && (value == null || value.isEmpty())) {
            throw new OdkManifestException("the manifest has no " + name, false);
        }
        return value == null || value.isEmpty() ? null : value;
    }

    private static Element child(Element parent, String name) throws OdkManifestException {
        List<Element> found = children(parent, name);
        if (found.size() > 1) {
            throw new OdkManifestException("the manifest has more than one " + name, false);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
