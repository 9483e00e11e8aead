package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.test.app.NoteRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension as a test framework sees it: fixture classes below run through the JUnit launcher
 * (and only there), and this test checks what they recorded.
 */
class EventSourcedExtensionTest {

  private static final String LAUNCHED = "eventsourced.kit.fixtures";
  static final Map<String, Object> recorded = new ConcurrentHashMap<>();

  @Test
  void failingTest_carriesTheSeedAsSuppressedException() {
    TestExecutionSummary summary = launch(FailingFixture.class);

    assertThat(summary.getTestsFailedCount()).isEqualTo(2);
    List<String> suppressed = new ArrayList<>();
    for (TestExecutionSummary.Failure failure : summary.getFailures()) {
      for (Throwable s : failure.getException().getSuppressed()) suppressed.add(s.getMessage());
    }
    long random = (Long) recorded.get("failing.random");
    assertThat(suppressed)
        .containsExactlyInAnyOrder(
            "EventSourcedExtension: ran with seed 123; rerun with -Deventsourced.seed=123 or"
                + " @Seed(123L)",
            "EventSourcedExtension: ran with seed "
                + random
                + "; rerun with -Deventsourced.seed="
                + random
                + " or @Seed("
                + random
                + "L)");
  }

  @Test
  void parameters_areOneBackendAndItsClockPerTest_andItsDatabasesAreClosedAfter() {
    TestExecutionSummary summary = launch(LifecycleFixture.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    EventSourcedDb first = (EventSourcedDb) recorded.get("lifecycle.db.first");
    EventSourcedDb second = (EventSourcedDb) recorded.get("lifecycle.db.second");
    assertThat(first).isNotNull();
    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isTrue();
    assertThat((Path) recorded.get("lifecycle.path.first")).doesNotExist();
    assertThat(recorded.get("lifecycle.backend.first"))
        .isNotSameAs(recorded.get("lifecycle.backend.second"));
  }

  @Test
  void seed_fromSeedAnnotation_elseTheSystemProperty_elseRandom() {
    String before = System.getProperty(TestBackend.SEED_PROPERTY);
    try {
      System.setProperty(TestBackend.SEED_PROPERTY, "99");
      launch(SeedFixture.class);
      assertThat(recorded.get("seed.annotated")).isEqualTo(5L);
      assertThat(recorded.get("seed.plain")).isEqualTo(99L);

      System.clearProperty(TestBackend.SEED_PROPERTY);
      launch(SeedFixture.class);
      long random = (Long) recorded.get("seed.plain");
      launch(SeedFixture.class);
      assertThat(recorded.get("seed.plain")).isNotEqualTo(random);
      assertThat(recorded.get("seed.annotated")).isEqualTo(5L);
    } finally {
      if (before == null) System.clearProperty(TestBackend.SEED_PROPERTY);
      else System.setProperty(TestBackend.SEED_PROPERTY, before);
    }
  }

  private static TestExecutionSummary launch(Class<?> fixture) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameter(LAUNCHED, "true")
            .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    return listener.getSummary();
  }

  /** Runs a fixture only when {@link #launch} runs it, never on its own in the build. */
  static final class LaunchedOnly implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(LAUNCHED).isPresent()
          ? ConditionEvaluationResult.enabled("launched by EventSourcedExtensionTest")
          : ConditionEvaluationResult.disabled("a fixture of EventSourcedExtensionTest");
    }
  }

  @ExtendWith(LaunchedOnly.class)
  @EventSourcedTest
  static class FailingFixture {
    @Test
    @Seed(123)
    void failsWithFixedSeed(TestBackend backend) {
      throw new AssertionError("boom");
    }

    @Test
    void failsWithRandomSeed(TestBackend backend) {
      recorded.put("failing.random", backend.seed());
      throw new AssertionError("boom");
    }
  }

  @ExtendWith(LaunchedOnly.class)
  @EventSourcedTest
  static class LifecycleFixture {
    private TestBackend backendBefore;
    private TestClock clockBefore;

    @BeforeEach
    void before(TestBackend backend, TestClock clock) {
      backendBefore = backend;
      clockBefore = clock;
    }

    @Test
    void first(TestBackend backend, TestClock clock) throws Exception {
      assertThat(backend).isSameAs(backendBefore);
      assertThat(clock).isSameAs(clockBefore).isSameAs(backend.clock());
      EventSourcedDb db = backend.open("phone", b -> b.collections(NoteRepository.COLLECTION));
      assertThat(Files.exists(db.path())).isTrue();
      recorded.put("lifecycle.db.first", db);
      recorded.put("lifecycle.path.first", db.path());
      recorded.put("lifecycle.backend.first", backend);
    }

    @Test
    void second(TestBackend backend) {
      EventSourcedDb db = backend.open("phone", b -> b.collections(NoteRepository.COLLECTION));
      recorded.put("lifecycle.db.second", db);
      recorded.put("lifecycle.backend.second", backend);
    }
  }

  @ExtendWith(LaunchedOnly.class)
  @ExtendWith(EventSourcedExtension.class)
  static class SeedFixture {
    @Test
    @Seed(5)
    void annotated(TestBackend backend) {
      recorded.put("seed.annotated", backend.seed());
    }

    @Test
    void plain(TestBackend backend) {
      recorded.put("seed.plain", backend.seed());
    }
  }
}
