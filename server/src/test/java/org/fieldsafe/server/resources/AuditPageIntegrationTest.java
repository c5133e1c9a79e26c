package org.fieldsafe.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.fieldsafe.core.wire.AuditPage;
import org.fieldsafe.core.wire.HealthReport;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin's views for the console: the audit log a page at a time, filtered, and the health checks. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditPageIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static AuditPage page(String admin, String query) {
        HttpResponse<String> response = APP.get("/audit" + query, admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return APP.read(response, AuditPage.class);
    }

    @Test
    void page_limitAndBefore_walkTheLogNewestFirst() {
        String admin = APP.adminToken();
        for (int i = 0; i < 4; i++) {
            APP.services().audit().append("tester", "test.walk", "n:" + i);
        }

        AuditPage first = page(admin, "?event=test.walk&limit=3");
        AuditPage second = page(admin, "?event=test.walk&limit=3&before=" + first.nextBefore());

        assertThat(first.entries()).extracting(AuditPage.Entry::subject).containsExactly("n:3", "n:2", "n:1");
        assertThat(first.nextBefore()).isEqualTo(first.entries().get(2).seq());
        assertThat(second.entries()).extracting(AuditPage.Entry::subject).containsExactly("n:0");
        assertThat(second.nextBefore()).isNull();
    }

    @Test
    void page_eventFamilyAndTime_onlyThoseEntries() {
        String admin = APP.adminToken(); // login.succeeded
        APP.login("admin", TestApp.ADMIN_PASSWORD);
        Instant before = APP.clock.instant();
        APP.clock.advance(Duration.ofMinutes(10));
        try {
            APP.services().audit().append("tester", "test.later", "later");
            APP.services().audit().append("tester", "test_x.other", "other");

            AuditPage logins = page(admin, "?event=login");
            AuditPage later = page(admin, "?from=" + before.plusSeconds(60));
            AuditPage earlier = page(admin, "?event=test.later&to=" + before.plusSeconds(60));

            assertThat(logins.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.event()).startsWith("login."));
            assertThat(later.entries()).extracting(AuditPage.Entry::event)
                    .containsExactly("test_x.other", "test.later");
            assertThat(earlier.entries()).isEmpty();
            assertThat(page(admin, "?event=test").entries()).extracting(AuditPage.Entry::event)
                    .doesNotContain("test_x.other").contains("test.later");
        } finally {
            APP.clock.advance(Duration.ofMinutes(-10));
        }
    }

    @Test
    void page_malformedFilter_is400Problem() {
        String admin = APP.adminToken();
        for (String query : new String[] {"?from=yesterday", "?limit=0", "?limit=201", "?event=%3Cscript%3E",
                "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "?before=x"}) {
            HttpResponse<String> response = APP.get("/audit" + query, admin);
            assertThat(response.statusCode()).as(query).isIn(400, 404);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
        }
        assertThat(APP.get("/audit?from=yesterday", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void health_admin_listsEveryCheck() {
        HttpResponse<String> response = APP.get("/health", APP.adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        HealthReport report = APP.read(response, HealthReport.class);
        assertThat(report.checks()).extracting(HealthReport.Check::name)
                .contains("forms", "submission-writer", "retention", "referrals");
        assertThat(report.healthy()).isEqualTo(report.checks().stream().allMatch(HealthReport.Check::healthy));
    }
}
