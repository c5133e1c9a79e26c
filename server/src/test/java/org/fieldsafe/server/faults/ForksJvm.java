package org.fieldsafe.server.faults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts the server ({@link ServerProcess}) or the field app in a JVM of its own: tagged {@value #TAG}, so it runs
 * in the integration-test lane (failsafe, {@code mvn verify}) and {@code mvn test} stays fast.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ForksJvm.TAG)
public @interface ForksJvm {
    String TAG = "process";
}
