package org.fieldsafe.server.resources;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.wire.HealthReport;
import org.fieldsafe.server.auth.Roles;

/**
 * The server's health checks (the admin port's {@code /healthcheck}) for the admin on the API, so the console can show
 * them without the admin port; answered 200 whether healthy or not (the report says which).
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final HealthCheckRegistry checks;

    public HealthResource(HealthCheckRegistry checks) {
        this.checks = checks;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public HealthReport report() {
        List<HealthReport.Check> results = checks.runHealthChecks().entrySet().stream()
                .map((Map.Entry<String, HealthCheck.Result> e) -> new HealthReport.Check(e.getKey(),
                        e.getValue().isHealthy(), e.getValue().getMessage()))
                .toList();
        return new HealthReport(results.stream().allMatch(HealthReport.Check::healthy), results);
    }
}
