package org.fieldsafe.server.shredding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crypto-shredding of a stored envelope in place (docs/sealing.md, "Shredding"): the secret material of the named
 * parts - {@code nonce}, {@code ciphertext} and every recipient's {@code enc} and {@code wrappedKey} - and, when
 * asked, of every attachment descriptor ({@code noncePrefix} and its recipients' {@code enc} and
 * {@code wrappedKey}) is overwritten, each character between the string's quotes but the base64 padding
 * {@code =} becoming {@code A}. The result has the same length as the input (so an envelope file can be overwritten
 * at the same offset), is still the same JSON shape, and its header and every other byte are unchanged. With the
 * wrapped content keys gone, no private key opens those parts or attachments any more.
 *
 * <p>The strings are found with Jackson's streaming parser and the byte offsets of its tokens, never by scanning
 * the text by hand. Shredding an envelope again changes nothing and finds the same parts.
 */
public final class EnvelopeShredder {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern PART_SECRET = Pattern.compile("/parts/([^/]+)/(nonce|ciphertext)");
    private static final Pattern PART_KEY = Pattern.compile("/parts/([^/]+)/recipients/\\d+/(enc|wrappedKey)");
    private static final Pattern ATTACHMENT_SECRET = Pattern.compile(
            "/attachments/(\\d+)/(noncePrefix|recipients/\\d+/enc|recipients/\\d+/wrappedKey)");
    private static final Pattern ATTACHMENT_NAME = Pattern.compile("/attachments/(\\d+)/name");

    private EnvelopeShredder() {
    }

    /**
     * What shredding found: the bytes (same length as given), the parts whose ciphertext was overwritten, the
     * number of attachment descriptors overwritten, and of attachment descriptors in the envelope.
     */
    public record Result(byte[] bytes, Set<String> parts, int attachments, int attachmentsPresent) {
    }

    /**
     * The envelope with the secret material of {@code parts} (and of every attachment when {@code attachments})
     * overwritten; parts the envelope does not have are left out of {@link Result#parts()}.
     *
     * @throws IllegalArgumentException when {@code envelope} is not a JSON document
     */
    public static Result shred(byte[] envelope, Set<String> parts, boolean attachments) {
        byte[] out = envelope.clone();
        Set<String> shreddedParts = new TreeSet<>();
        Set<String> shreddedAttachments = new TreeSet<>();
        Set<String> presentAttachments = new TreeSet<>();
        try (JsonParser parser = JSON.createParser(envelope)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.VALUE_STRING) {
                    continue;
                }
                String path = parser.getParsingContext().pathAsPointer().toString();
                Matcher attachmentName = ATTACHMENT_NAME.matcher(path);
                if (attachmentName.matches()) {
                    presentAttachments.add(attachmentName.group(1));
                }
                String owner = owner(path, parts, attachments);
                if (owner == null) {
                    continue;
                }
                long start = parser.currentTokenLocation().getByteOffset();
                parser.finishToken();
                long end = parser.currentLocation().getByteOffset();
                overwrite(out, start, end);
                if (owner.startsWith("/")) {
                    shreddedAttachments.add(owner);
                } else if (path.endsWith("/ciphertext")) {
                    shreddedParts.add(owner);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON envelope", e);
        }
        return new Result(out, Set.copyOf(shreddedParts), shreddedAttachments.size(), presentAttachments.size());
    }

    /**
     * Whose secret the string at {@code path} is: a part name, {@code /<index>} for an attachment, or null when it
     * is not to be shredded.
     */
    private static String owner(String path, Set<String> parts, boolean attachments) {
        Matcher m = PART_SECRET.matcher(path);
        if (m.matches() || (m = PART_KEY.matcher(path)).matches()) {
            return parts.contains(m.group(1)) ? m.group(1) : null;
        }
        m = ATTACHMENT_SECRET.matcher(path);
        return attachments && m.matches() ? "/" + m.group(1) : null;
    }

    /** Overwrites what is between the quotes of the JSON string token at [start, end), keeping {@code =}. */
    private static void overwrite(byte[] out, long start, long end) {
        if (start < 0 || end > out.length || end - start < 2 || out[(int) start] != '"' || out[(int) end - 1] != '"') {
            throw new IllegalStateException("a string token is not where the parser put it");
        }
        for (int i = (int) start + 1; i < end - 1; i++) {
            if (out[i] != '=') {
                out[i] = 'A';
            }
        }
    }
}
