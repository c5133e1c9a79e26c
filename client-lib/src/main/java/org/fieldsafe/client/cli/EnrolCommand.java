package org.fieldsafe.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fieldsafe.client.ClientException;
import org.fieldsafe.client.ClientException.Reason;
import org.fieldsafe.client.DeviceInfo;
import org.fieldsafe.client.FieldsafeClient;
import org.fieldsafe.client.store.DeviceStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code enrol}: binds this device to a study site with a coordinator's one-time code. */
@Command(name = "enrol", description = {
        "Enrol this device with a Fieldsafe server using a one-time enrolment code from a coordinator.",
        "The device id and token are kept in the local store; the token is never shown."})
final class EnrolCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--server", required = true, paramLabel = "URL",
            description = "The server's address, e.g. https://fieldsafe.example.org")
    String server;

    @Option(names = "--code", required = true, paramLabel = "CODE",
            description = "The one-time enrolment code, e.g. ABCD-EFGH-JKMN")
    String code;

    @Option(names = "--name", paramLabel = "DEVICE_NAME",
            description = "A name coordinators will see for this device (default: the host name).")
    String name;

    @Option(names = "--force", description = "Enrol again even though this home is already enrolled (refused"
            + " while sealed interviews or recordings wait to be sent: sync first).")
    boolean force;

    @Override
    public Integer call() throws ClientException {
        URI uri = parse(server);
        Path dir = home.resolve(main.env());
        DeviceInfo device = FieldsafeClient.enrolHome(dir, main.settings(), uri, code, name, force);
        PrintWriter out = spec.commandLine().getOut();
        out.println("enrolled device " + device.deviceId() + " (" + device.deviceName() + ") for study "
                + device.study() + ", site " + device.site()
                + (device.enumerator() == null ? "" : ", enumerator " + device.enumerator()));
        out.println("server: " + device.server());
        out.println("store:  " + dir.resolve(DeviceStore.DATABASE_FILE));
        out.println("next:   fieldsafe client forms pull --home " + dir);
        out.flush();
        if (FieldsafeClient.cleartextOverNetwork(device.server())) {
            spec.commandLine().getErr().println("warning: " + device.server() + " is not https; the device token"
                    + " and everything synced travel unencrypted");
            spec.commandLine().getErr().flush();
        }
        return 0;
    }

    private static URI parse(String server) throws ClientException {
        try {
            return new URI(server.strip());
        } catch (URISyntaxException e) {
            throw new ClientException(Reason.USAGE, "'" + server + "' is not a server address;"
                    + " expected e.g. https://fieldsafe.example.org");
        }
    }
}
