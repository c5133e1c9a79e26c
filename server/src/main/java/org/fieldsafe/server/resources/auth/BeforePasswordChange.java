package org.fieldsafe.server.resources.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that a person logged in with a one-time password may call (changing it, logout, me);
 * every other {@code @RolesAllowed} method answers them 403 {@code password-change-required}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforePasswordChange {
}
