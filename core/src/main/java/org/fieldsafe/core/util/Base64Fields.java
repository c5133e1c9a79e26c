package org.fieldsafe.core.util;

import java.util.Base64;

/** Base64 fields of request bodies, read by validators that answer a bad field with a problem of their own. */
public final class Base64Fields {
    private Base64Fields() {
    }

    /** The bytes of a standard base64 field, or null when it is missing or not base64. */
    public static byte[] decodeOrNull(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
