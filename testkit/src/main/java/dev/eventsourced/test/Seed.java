package dev.eventsourced.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes the seed of the {@link TestBackend} that {@link EventSourcedExtension} gives a test: on the
 * test method, or on the class for all its tests. It wins over the {@code -Deventsourced.seed=}
 * system property; without either, each test draws a new seed and prints it when it fails.
 *
 * <pre>{@code
 * @Test
 * @Seed(1234)   // the seed a failed random run printed
 * void phoneAndLaptopConverge(TestBackend backend) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Seed {

  /** The seed. */
  long value();
}
