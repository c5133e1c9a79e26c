package org.fieldsafe.server.openrosa;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldsafe.server.TestApp;

/**
 * Test-only: the requests ODK Collect sends to an OpenRosa server, as its app user (HTTP Basic with the device id
 * and token): {@code X-OpenRosa-Version: 1.0} on each, submissions as multipart/form-data with the manifest as
 * {@code xml_submission_file}, each encrypted file as a part named by its file name, and {@code *isIncomplete*}
 * on every POST but the last when a submission is split.
 */
final class CollectClient {
    private final TestApp app;
    private final String authorization;

    CollectClient(TestApp app, String deviceId, String deviceToken) {
        this.app = app;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((deviceId + ":" + deviceToken)
                .getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1" + path)).header("X-OpenRosa-Version", "1.0")
                .header("Authorization", authorization);
    }

    HttpResponse<String> get(String path) {
        return app.send(request(path).GET());
    }

    HttpResponse<String> head(String path) {
        return app.send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String path, byte[] manifest, Map<String, byte[]> files, boolean incomplete) {
        String boundary = "----collect" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, OpenRosaMultipart.XML_PART, "submission.xml", "text/xml", manifest);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            part(body, boundary, file.getKey(), file.getKey(), "application/octet-stream", file.getValue());
        }
        if (incomplete) {
            part(body, boundary, OpenRosaMultipart.INCOMPLETE_PART, null, "text/plain",
                    "yes".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return app.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static Map<String, byte[]> only(Map<String, byte[]> files, String... names) {
        Map<String, byte[]> chosen = new LinkedHashMap<>();
        for (String name : names) {
            chosen.put(name, files.get(name));
        }
        return chosen;
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName, String type,
                             byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + type
                + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
