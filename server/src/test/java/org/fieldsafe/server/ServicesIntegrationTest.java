package org.fieldsafe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.server.keys.KeyCustody;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.submissions.SubmissionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The composition root ({@link Services#build}): every store is built once and the same instance is handed to each
 * service and job that needs it, the registered resources included.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServicesIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;

    private static final List<Class<?>> SHARED = List.of(Database.class, AuditLog.class, StudyStore.class,
            FormStore.class, SubmissionStore.class, ReferralCaseStore.class, KeyCustody.class, ReceiptKey.class);

    @Test
    void services_eachStoreBuiltOnce_sameInstanceInEveryService() throws Exception {
        Services services = APP.services();
        List<Object> holders = new ArrayList<>();
        for (RecordComponent component : Services.class.getRecordComponents()) {
            holders.add(component.getAccessor().invoke(services));
        }
        holders.addAll(EXT.getEnvironment().jersey().getResourceConfig().getSingletons());
        int checked = 0;
        for (Object holder : holders) {
            if (holder == null) {
                continue;
            }
            for (Field field : fields(holder.getClass())) {
                Object value = field.get(holder);
                for (Class<?> type : SHARED) {
                    if (value != null && type.isInstance(value)) {
                        assertThat(value).as(holder.getClass().getSimpleName() + "." + field.getName())
                                .isSameAs(the(services, type));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("shared stores found in the services").isGreaterThan(40);
    }

    private static Object the(Services services, Class<?> type) throws Exception {
        for (RecordComponent component : Services.class.getRecordComponents()) {
            if (component.getType() == type) {
                return component.getAccessor().invoke(services);
            }
        }
        throw new AssertionError("Services holds no " + type.getSimpleName());
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
