package org.fieldsafe.server.enrolment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.EnrolmentCode;

/**
 * An enrolment code with a QR code of the code and the server's URL, drawn on the server with ZXing, for the console
 * page that creates the code (the only answer that carries it). The QR holds the JSON
 * {@code {"fieldsafe":"enrol","server":URL,"code":CODE}}: not a URL, so a phone that scans it opens nothing.
 */
public final class EnrolmentQr {
    private static final ObjectMapper JSON = JsonMappers.plain();
    private static final int QUIET_ZONE = 4;

    private EnrolmentQr() {
    }

    /**
     * The QR code: {@code size} modules per side (quiet zone included), {@code path} the SVG path data of the dark
     * modules (one unit square each) and {@code svg} a whole SVG document of it.
     */
    public record Qr(int size, String path, String svg) {
    }

    /** {@link EnrolmentCode} with the server URL and its QR code. */
    public record WithQr(String id, String code, String study, String site, String enumerator, Instant expiresAt,
                         String server, Qr qr) {
    }

    public static WithQr of(EnrolmentCode code, String server) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("fieldsafe", "enrol");
        payload.put("server", server);
        payload.put("code", code.code());
        String text;
        try {
            text = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("enrolment payload not serialisable", e);
        }
        return new WithQr(code.id(), code.code(), code.study(), code.site(), code.enumerator(), code.expiresAt(),
                server, draw(text));
    }

    /** Draws {@code text} as a QR code (error correction M). */
    public static Qr draw(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException("enrolment QR not drawable", e);
        }
        int modules = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < modules; y++) {
            for (int x = 0; x < modules; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        int size = modules + 2 * QUIET_ZONE;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
        return new Qr(size, path.toString(), svg);
    }
}
