package org.fieldsafe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An enrolled simulated device. {@link #toString()} leaves the token out. */
record Device(String deviceId, String site, String enumerator, String token) {
    @Override
    public String toString() {
        return "Device[" + deviceId + ", " + site + ", " + enumerator + "]";
    }

    /** One device per line: device id, site, enumerator, token, tab-separated. */
    static List<Device> read(Path file) throws IOException {
        List<Device> devices = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IOException("expected 4 tab-separated fields in " + file + ": device id, site, enumerator, token");
            }
            devices.add(new Device(f[0], f[1], f[2], f[3]));
        }
        return devices;
    }

    static void write(Path file, List<Device> devices) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Device d : devices) {
            s.append(d.deviceId()).append('\t').append(d.site()).append('\t').append(d.enumerator()).append('\t')
                    .append(d.token()).append('\n');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }
}
