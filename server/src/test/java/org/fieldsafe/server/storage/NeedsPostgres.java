package org.fieldsafe.server.storage;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that runs (also) on the test PostgreSQL server ({@link TestDatabases}): tagged {@value #TAG}, so it
 * runs in the integration-test lane (failsafe, {@code mvn verify}) and {@code mvn test} stays fast.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(NeedsPostgres.TAG)
public @interface NeedsPostgres {
    String TAG = "postgres";
}
