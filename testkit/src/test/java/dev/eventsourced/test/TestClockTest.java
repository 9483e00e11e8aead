package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {

  @Test
  void standsStill_untilAdvanced_andViewsShareTheTime() {
    TestClock clock = new TestClock();
    TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START).isEqualTo(clock.instant());
    clock.advance(Duration.ofMinutes(5));

    assertThat(paris.instant()).isEqualTo(Instant.parse("2025-01-01T00:05:00Z"));
    assertThat(paris.millis()).isEqualTo(clock.millis());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void neverGoesBack() {
    TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> clock.set(Instant.parse("2029-01-01T00:00:00Z")))
        .hasMessageContaining("only moves forward");
    clock.set(Instant.parse("2031-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
  }
}
