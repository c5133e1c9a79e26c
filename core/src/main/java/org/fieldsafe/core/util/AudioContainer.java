package org.fieldsafe.core.util;

/**
 * A recording's container, told from its first bytes (a sealed recording's descriptor carries no media type): WebM
 * (the field app's recorder), Ogg, WAV, MP4/M4A, MP3; anything else as bytes. Its media type is what the console's
 * player is served, its extension what an export names the file.
 */
public enum AudioContainer {
    WEBM("audio/webm", "webm"),
    OGG("audio/ogg", "ogg"),
    WAV("audio/wav", "wav"),
    MP4("audio/mp4", "m4a"),
    MP3("audio/mpeg", "mp3"),
    UNKNOWN("application/octet-stream", "bin");

    private final String mediaType;
    private final String extension;

    AudioContainer(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The container of a recording whose plaintext starts with {@code head} (the first chunk is plenty). */
    public static AudioContainer of(byte[] head) {
        if (startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return WEBM;
        }
        if (startsWith(head, 0, 'O', 'g', 'g', 'S')) {
            return OGG;
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'A', 'V', 'E')) {
            return WAV;
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
            return MP4;
        }
        if (startsWith(head, 0, 'I', 'D', '3') || (head.length > 1 && (head[0] & 0xFF) == 0xFF
                && (head[1] & 0xE0) == 0xE0)) {
            return MP3;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] bytes, int at, int... expected) {
        if (bytes.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
