package org.fieldsafe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.core.wire.LoginRequest;
import org.fieldsafe.core.wire.NewUserRequest;

/**
 * Creates simulated devices through the API as a coordinator would: an enumerator user per device, a one-time
 * enrolment code for it, and the device's code exchange; and the study keys' first holders (bench-dm,
 * bench-so, bench-pi: the reference study's holder roles), whom {@code admin keys init --holder PURPOSE=USER} needs.
 */
final class DeviceSetup {
    private final Http http;

    DeviceSetup(Http http) {
        this.http = http;
    }

    List<Device> create(String adminUser, String adminPassword, String study, List<String> sites, int count,
                        String prefix) throws IOException, InterruptedException {
        String token = http.post("/auth/login", null, new LoginRequest(adminUser, adminPassword)).path("token").asText();
        http.post("/users", token, new NewUserRequest("bench-dm", "data_manager", List.of()));
        http.post("/users", token, new NewUserRequest("bench-so", "safeguarding_officer", List.of(sites.get(0))));
        http.post("/users", token, new NewUserRequest("bench-pi", "principal_investigator", List.of()));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String site = sites.get(i % sites.size());
            String enumerator = prefix + "-" + i;
            http.post("/users", token, new NewUserRequest(enumerator, "enumerator", List.of(site)));
            String code = http.post("/enrolments", token, new EnrolmentRequest(study, site, enumerator))
                    .path("code").asText();
            JsonNode enrolled = http.post("/devices/enrol", null, new DeviceEnrolRequest(code, enumerator + "-laptop"));
            devices.add(new Device(enrolled.path("deviceId").asText(), enrolled.path("site").asText(site),
                    enumerator, enrolled.path("deviceToken").asText()));
        }
        return devices;
    }
}
