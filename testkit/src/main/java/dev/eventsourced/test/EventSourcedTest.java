package dev.eventsourced.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose tests get a {@link TestBackend} and a {@link TestClock} as parameters:
 * the same as {@code @ExtendWith(EventSourcedExtension.class)}.
 *
 * <pre>{@code
 * @EventSourcedTest
 * class SyncTest {
 *   @Test
 *   void converges(TestBackend backend, TestClock clock) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(EventSourcedExtension.class)
public @interface EventSourcedTest {}
