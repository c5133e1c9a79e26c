package org.fieldsafe.server.openrosa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.OdkAppUser;
import org.fieldsafe.server.enrolment.EnrolmentQr;
import org.fieldsafe.server.enrolment.EnrolmentService;

/**
 * Makes an ODK Collect app user at enrolment: a one-time code for the enumerator at the site, exchanged at once for a
 * device ("ODK Collect"), both audited as for any device; the device id and token become Collect's username and
 * password. The settings QR is Collect's format: base64 of the zlib-compressed JSON {@code {"general": {server_url,
 * username, password, ...}, "admin": {...}, "project": {name}}}.
 */
public final class OdkAppUsers {
    static final String DEVICE_NAME = "ODK Collect";
    private static final ObjectMapper JSON = JsonMappers.plain();
    private final EnrolmentService enrolments;

    public OdkAppUsers(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    /** @param apiBase the API's public base URL as the device reaches it, ending in {@code /api/v1/} */
    public OdkAppUser create(String actor, EnrolmentRequest request, String apiBase, String address) {
        EnrolmentCode code = enrolments.create(actor, request);
        DeviceEnrolment device = enrolments.enrol(new DeviceEnrolRequest(code.code(), DEVICE_NAME), address);
        String serverUrl = apiBase + "openrosa/studies/" + device.study();
        String settings = settings(serverUrl, device.deviceId(), device.deviceToken());
        return new OdkAppUser(device.deviceId(), device.study(), device.site(), device.enumerator(), serverUrl,
                device.deviceId(), device.deviceToken(), settings, EnrolmentQr.draw(settings).svg());
    }

    /** Collect's settings payload: base64(zlib(JSON)). */
    static String settings(String serverUrl, String username, String password) {
        Map<String, Object> general = new LinkedHashMap<>();
        general.put("server_url", serverUrl);
        general.put("username", username);
        general.put("password", password);
        general.put("form_update_mode", "match_exactly");
        general.put("autosend", "wifi_and_cellular");
        general.put("delete_send", true);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("general", general);
        settings.put("admin", Map.of("change_server", false));
        settings.put("project", Map.of("name", "Fieldsafe"));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed)) {
            zlib.write(JSON.writeValueAsString(settings).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings not serialisable", e);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory compression failed", e);
        }
        return Base64.getEncoder().encodeToString(compressed.toByteArray());
    }
}
