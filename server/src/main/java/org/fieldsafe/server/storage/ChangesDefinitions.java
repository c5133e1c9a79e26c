package org.fieldsafe.server.storage;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizer;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizerFactory;
import org.jdbi.v3.sqlobject.customizer.SqlStatementCustomizingAnnotation;

/**
 * Marks a DAO statement that writes what devices download - study versions, form versions (publication, state,
 * translations), study keys: once its transaction commits, {@link Database#definitionsGeneration()} advances, and
 * every {@link ReadCache} keyed on it (the devices' manifests) is rebuilt. Other writes (logins, uploads, recording
 * chunks, audit entries) leave those caches as they are. {@code DefinitionWritesTest} checks that every statement
 * writing those tables carries it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@SqlStatementCustomizingAnnotation(ChangesDefinitions.Factory.class)
public @interface ChangesDefinitions {

    /** Advances the generation after the statement's transaction commits (or after it ran, outside one). */
    final class Factory implements SqlStatementCustomizerFactory {
        @Override
        public SqlStatementCustomizer createForMethod(Annotation annotation, Class<?> sqlObjectType, Method method) {
            return statement -> {
                Generation generation = statement.getConfig(Generation.class);
                Handle handle = statement.getHandle();
                if (handle.isInTransaction()) {
                    handle.afterCommit(generation::advance);
                } else {
                    statement.addCustomizer(new StatementCustomizer() {
                        @Override
                        public void afterExecution(PreparedStatement stmt, StatementContext ctx) {
                            generation.advance();
                        }
                    });
                }
            };
        }
    }

    /** The count of committed definition writes, one per {@link org.jdbi.v3.core.Jdbi} (shared by its handles). */
    final class Generation implements JdbiConfig<Generation> {
        private final AtomicLong value;

        public Generation() {
            this(new AtomicLong());
        }

        private Generation(AtomicLong value) {
            this.value = value;
        }

        long get() {
            return value.get();
        }

        void advance() {
            value.incrementAndGet();
        }

        @Override
        public Generation createCopy() {
            return new Generation(value);
        }
    }
}
