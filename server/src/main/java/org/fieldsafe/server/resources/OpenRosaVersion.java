package org.fieldsafe.server.resources;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks an OpenRosa resource: {@link OpenRosaHeaderFilter} checks and sets {@code X-OpenRosa-Version: 1.0}. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OpenRosaVersion {
}
