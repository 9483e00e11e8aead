package dev.eventsourced.test;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A JUnit 5 extension giving each test a fresh {@link TestBackend}, and its {@link TestClock}, as
 * parameters of the test method, of {@code @BeforeEach} and {@code @AfterEach} methods (the same
 * objects for all of them within one test).
 *
 * <ul>
 *   <li><b>Seed:</b> from {@link Seed @Seed} on the method or the class, else from the system
 *       property {@code -Deventsourced.seed=}, else a new random one for each test.
 *   <li><b>Failure:</b> when the test (or a before/after method) throws, the seed is added to the
 *       exception as a suppressed one, {@code EventSourcedExtension: ran with seed 42; rerun with
 *       -Deventsourced.seed=42 or @Seed(42)}, and printed to standard error. It is also published
 *       as the report entry {@code eventsourced.seed}.
 *   <li><b>Cleanup:</b> after each test the backend is {@linkplain TestBackend#close() closed},
 *       closing every database opened with {@link TestBackend#open} and deleting their files.
 * </ul>
 *
 * <p>Use it with {@code @ExtendWith(EventSourcedExtension.class)} or {@link
 * EventSourcedTest @EventSourcedTest}. A backend resolved for a {@code @BeforeAll} method (or a
 * constructor) lives for the whole class, and tests of that class get that one.
 */
public final class EventSourcedExtension
    implements ParameterResolver,
        AfterEachCallback,
        AfterAllCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EventSourcedExtension.class);
  private static final String BACKEND = "backend";

  /** Made by JUnit. */
  public EventSourcedExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestBackend.class || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestBackend backend = backend(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == TestBackend.class) return backend;
    if (type == TestClock.class) return backend.clock();
    throw new ParameterResolutionException("EventSourcedExtension cannot resolve " + type);
  }

  /** The backend of {@code context}'s test, or of its class, made when first asked for. */
  private static TestBackend backend(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    TestBackend backend = store.get(BACKEND, TestBackend.class);
    if (backend == null) {
      long seed = seed(context);
      backend = new TestBackend(seed);
      store.put(BACKEND, backend);
      context.publishReportEntry("eventsourced.seed", Long.toString(seed));
    }
    return backend;
  }

  /** The seed for {@code context}: {@code @Seed}, else the system property, else random. */
  static long seed(ExtensionContext context) {
    Optional<Seed> annotated =
        context.getTestMethod().flatMap(method -> seedOn(method)).or(() -> seedOnClass(context));
    if (annotated.isPresent()) return annotated.get().value();
    String property = System.getProperty(TestBackend.SEED_PROPERTY);
    if (property != null && !property.isBlank()) {
      try {
        return Long.parseLong(property.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "-D" + TestBackend.SEED_PROPERTY + " must be a long, got \"" + property + "\"", e);
      }
    }
    return ThreadLocalRandom.current().nextLong();
  }

  private static Optional<Seed> seedOnClass(ExtensionContext context) {
    for (Class<?> type = context.getTestClass().orElse(null);
        type != null;
        type = type.getEnclosingClass()) {
      Optional<Seed> seed = seedOn(type);
      if (seed.isPresent()) return seed;
    }
    return Optional.empty();
  }

  private static Optional<Seed> seedOn(AnnotatedElement element) {
    return Optional.ofNullable(element.getAnnotation(Seed.class));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close(context);
  }

  /** Closes the backend made at {@code context}'s level, not one of an enclosing level. */
  private static void close(ExtensionContext context) {
    TestBackend backend = context.getStore(NAMESPACE).remove(BACKEND, TestBackend.class);
    if (backend != null) backend.close();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withSeed(context, failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withSeed(context, failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withSeed(context, failure);
  }

  /** {@code failure}, with the seed of the test's backend (if it has one) added as suppressed. */
  private static Throwable withSeed(ExtensionContext context, Throwable failure) {
    TestBackend backend = context.getStore(NAMESPACE).get(BACKEND, TestBackend.class);
    if (backend == null) return failure;
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof SeedReport) return failure;
    }
    long seed = backend.seed();
    SeedReport report =
        new SeedReport(
            "EventSourcedExtension: ran with seed "
                + seed
                + "; rerun with -D"
                + TestBackend.SEED_PROPERTY
                + "="
                + seed
                + " or @Seed("
                + seed
                + "L)");
    failure.addSuppressed(report);
    System.err.println(
        "[eventsourced-test] " + context.getDisplayName() + " failed; " + report.getMessage());
    return failure;
  }

  /** The seed, attached to a failure; no stack trace of its own. */
  private static final class SeedReport extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeedReport(String message) {
      super(message, null, false, false);
    }
  }
}
