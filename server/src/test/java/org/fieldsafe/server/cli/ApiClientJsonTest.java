package org.fieldsafe.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.List;
import org.fieldsafe.core.json.JsonMappers;
import org.fieldsafe.core.wire.CaseChange;
import org.fieldsafe.core.wire.LoginResponse;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.core.wire.Notice;
import org.fieldsafe.core.wire.UserInfo;
import org.fieldsafe.export.ExportJobView;
import org.fieldsafe.server.json.ServerJson;
import org.junit.jupiter.api.Test;

/**
 * The admin CLI's mapper comes from core's factory ({@link JsonMappers#apiClient()}) and writes and reads the CLI's
 * JSON as Dropwizard's default mapper, the one it used before, did: request bodies, the session file, the server's
 * answers (the CLI tests drive the commands themselves).
 */
class ApiClientJsonTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:00:00.123456789Z");
    // deliberately Dropwizard's default mapper, made here: the reference the CLI's JSON must stay equal to
    private static final ObjectMapper BEFORE = Jackson.newObjectMapper();
    private static final ObjectMapper CLI = new ApiClient("http://localhost:1", null).json();
    private static final ObjectMapper SERVER = ServerJson.api();

    @Test
    void json_requestBodiesAndSessionFile_sameBytesAsDropwizardsMapper() throws Exception {
        List<Object> written = List.of(
                new AdminSession("http://localhost:8080", "dm", "t0ken", AT),
                new NewExport("pass phrase".toCharArray(), List.of("wide", "wide-bom"), "km",
                        new NewExport.Filter(List.of("KH-SVR"), List.of("interview"), "2026-01-01", null), null, 7),
                new CaseChange("referred", 3, "svc-1", "2026-03-02", null, "pp".toCharArray(), null));
        for (Object value : written) {
            assertThat(CLI.writeValueAsString(value)).isEqualTo(BEFORE.writeValueAsString(value));
        }
    }

    @Test
    void json_serversAnswers_readAsDropwizardsMapperReadThem() throws Exception {
        List<Object> answers = List.of(
                new LoginResponse("t0ken", AT, "dm", "data_manager", List.of("KH-SVR"), false),
                new UserInfo("dm", "data_manager", List.of("KH-SVR"), AT, null, false),
                new Notice("n-1", "study", "withdrawn", "KH-SVR", "s-1", AT, "text"),
                new ExportJobView("job-1", "study", "running", new ExportJobView.Progress("opening", 3, 9), List.of(),
                        null, null, AT, null, null));
        for (Object answer : answers) {
            String body = SERVER.writeValueAsString(answer).replace("}", ",\"addedLater\":1}");
            assertThat(CLI.readValue(body, answer.getClass())).usingRecursiveComparison()
                    .isEqualTo(BEFORE.readValue(body, answer.getClass())).isEqualTo(answer);
        }
    }
}
