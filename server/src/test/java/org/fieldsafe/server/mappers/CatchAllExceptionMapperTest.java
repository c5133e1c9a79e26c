package org.fieldsafe.server.mappers;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.jetty.io.EofException;
import org.fieldsafe.core.wire.Problem;
import org.junit.jupiter.api.Test;

class CatchAllExceptionMapperTest {
    private final CatchAllExceptionMapper mapper = new CatchAllExceptionMapper();

    @Test
    void toResponse_clientHungUpMidBody_400RequestIncomplete() {
        Response response = mapper.toResponse(new ProcessingException(new IOException(new EofException("early EOF"))));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Problem) response.getEntity()).type()).isEqualTo(Problem.TYPE_PREFIX + "request-incomplete");
    }

    @Test
    void toResponse_anythingElse_500WithErrorIdOnly() {
        Response response = mapper.toResponse(new IllegalStateException("secret detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.type()).isEqualTo(Problem.TYPE_PREFIX + "internal-error");
        assertThat(problem.detail()).doesNotContain("secret detail").contains("error id");
    }
}
