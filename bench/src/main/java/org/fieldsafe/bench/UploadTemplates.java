package org.fieldsafe.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Uploads made cheaply during the timed run, so that the generator's own CPU does not crowd out the server it
 * measures on a small machine. Before the run, {@link EnvelopeFactory} builds a few complete envelopes per device
 * (sizes spread over 8-16 KB); an upload is then a copy of one of them with a fresh submission id and respondent
 * code written over the template's (both fixed-length ASCII in the JSON). Every upload is still a distinct,
 * valid envelope; only the opaque sealed bytes repeat between uploads of one template, which the server never
 * looks into. {@link #rebuild} makes the same bytes again from (device, template, id, code), so the receipts can
 * be checked against the SHA-256 of exactly what was sent after the timed run, without keeping every body.
 */
final class UploadTemplates {
    private static final int ID_LENGTH = 36;
    private static final int CODE_LENGTH = 64;

    private record Template(byte[] body, int idOffset, int codeOffset) {
    }

    private final List<List<Template>> byDevice = new ArrayList<>();

    UploadTemplates(EnvelopeFactory envelopes, List<Device> devices, int perDevice, long seed) {
        if (perDevice < 1) {
            throw new IllegalArgumentException("need at least one template per device");
        }
        Random random = new Random(seed);
        for (Device device : devices) {
            List<Template> templates = new ArrayList<>(perDevice);
            for (int i = 0; i < perDevice; i++) {
                String id = EnvelopeFactory.newId();
                String code = EnvelopeFactory.hex(random, CODE_LENGTH / 2);
                byte[] body = envelopes.build(device, random, id, code).body();
                templates.add(new Template(body, onlyOffset(body, id), onlyOffset(body, code)));
            }
            byDevice.add(templates);
        }
    }

    int perDevice() {
        return byDevice.get(0).size();
    }

    /** Template {@code template} of device {@code device} with this id and respondent code written in. */
    byte[] rebuild(int device, int template, String id, String code) {
        if (id.length() != ID_LENGTH || code.length() != CODE_LENGTH) {
            throw new IllegalArgumentException("ids are 36 and codes 64 ASCII characters");
        }
        Template t = byDevice.get(device).get(template);
        byte[] body = t.body().clone();
        System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, body, t.idOffset(), ID_LENGTH);
        System.arraycopy(code.getBytes(StandardCharsets.US_ASCII), 0, body, t.codeOffset(), CODE_LENGTH);
        return body;
    }

    /** The offset of the one occurrence of {@code text} in {@code body}; fails unless it occurs exactly once. */
    static int onlyOffset(byte[] body, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0; i + needle.length <= body.length; i++) {
            if (matches(body, i, needle)) {
                if (found >= 0) {
                    throw new IllegalStateException("'" + text + "' occurs more than once in a template");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("'" + text + "' does not occur in a template");
        }
        return found;
    }

    private static boolean matches(byte[] body, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (body[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
