package dev.eventsourced.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault does what its javadoc says, scheduled or drawn from the seed. */
class FaultsTest {

  private final TestBackend backend = new TestBackend(7);
  private final TestTransport phone = backend.transport("phone");
  private final TestTransport laptop = backend.transport("laptop");

  @Test
  void lostRequest_throws_andStoresNothing() {
    phone.failNextPush(Fault.LOST_REQUEST).failNextPull(Fault.LOST_REQUEST);

    assertThatThrownBy(() -> phone.push(List.of(Events.insert("a"))))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("request lost")
        .hasMessageContaining("seed 7");
    assertThatThrownBy(() -> phone.pull(0, 10)).isInstanceOf(SyncException.class);
    assertThat(backend.log()).isEmpty();
    assertThat(backend.faultLog()).hasSize(2).allMatch(line -> line.contains("LOST_REQUEST"));
  }

  @Test
  void lostResponse_storesThePush_andTheRetryGetsTheSameSeqs() {
    List<SyncEvent> batch = List.of(Events.insert("a"), Events.insert("b"));
    phone.failNextPush(Fault.LOST_RESPONSE);

    assertThatThrownBy(() -> phone.push(batch)).hasMessageContaining("response lost");
    assertThat(backend.log()).hasSize(2);
    PushResult retry = phone.push(batch);

    assertThat(retry.confirmed()).extracting(Confirmation::globalSeq).containsExactly(1L, 2L);
    assertThat(backend.log()).hasSize(2);
  }

  @Test
  void duplicate_appliesThePushTwice_andAnswersWithTheSecondAnswer() {
    phone.failNextPush(Fault.DUPLICATE);

    PushResult result = phone.push(List.of(Events.insert("a")));

    assertThat(result.confirmed()).extracting(Confirmation::globalSeq).containsExactly(1L);
    assertThat(backend.log()).hasSize(1);
    assertThat(backend.faultLog()).singleElement().asString().contains("DUPLICATE");
  }

  @Test
  void reorder_holdsThePush_untilAnotherDevicesPushGetsThrough() {
    SyncEvent fromPhone = Events.insert("phone-first");
    phone.failNextPush(Fault.REORDER);

    assertThatThrownBy(() -> phone.push(List.of(fromPhone))).hasMessageContaining("timed out");
    assertThat(backend.heldCount()).isEqualTo(1);
    assertThat(backend.log()).isEmpty();
    PushResult laptops = laptop.push(List.of(Events.insert("laptop-second")));

    assertThat(laptops.confirmed()).extracting(Confirmation::globalSeq).containsExactly(1L);
    assertThat(backend.log())
        .extracting(SyncEvent::key)
        .containsExactly("laptop-second", "phone-first");
    assertThat(backend.heldCount()).isZero();
    assertThat(phone.push(List.of(fromPhone)).confirmed().get(0).globalSeq()).isEqualTo(2);
  }

  @Test
  void reorder_heldPushIsNotReleasedByTheSameDevice_butByHeal() {
    phone.failNextPush(Fault.REORDER);
    assertThatThrownBy(() -> phone.push(List.of(Events.insert("a"))))
        .isInstanceOf(SyncException.class);
    phone.push(List.of(Events.insert("b")));
    assertThat(backend.heldCount()).isEqualTo(1);

    backend.heal();

    assertThat(backend.heldCount()).isZero();
    assertThat(backend.log()).extracting(SyncEvent::key).containsExactly("b", "a");
  }

  @Test
  void restart_failsTheCallInFlight_andLosesNothingStored() {
    phone.push(List.of(Events.insert("a")));
    phone.failNextPush(Fault.RESTART);
    laptop.failNextPull(Fault.RESTART);

    assertThatThrownBy(() -> phone.push(List.of(Events.insert("b"))))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("restarted");
    assertThatThrownBy(() -> laptop.pull(0, 10)).isInstanceOf(SyncException.class);
    backend.restart();

    assertThat(backend.restarts()).isEqualTo(3);
    assertThat(laptop.pull(0, 10).events()).extracting(SyncEvent::key).containsExactly("a");
  }

  @Test
  void offline_callsNeverReachTheBackend_untilOnlineAgain() {
    backend.offline("phone", true);

    assertThatThrownBy(() -> phone.push(List.of(Events.insert("a"))))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("phone is offline");
    assertThatThrownBy(() -> phone.pull(0, 10)).hasMessageContaining("offline");
    assertThat(laptop.pull(0, 10).events()).isEmpty();
    assertThat(backend.log()).isEmpty();

    phone.offline(false);
    phone.push(List.of(Events.insert("a")));
    assertThat(backend.log()).hasSize(1);
  }

  @Test
  void latency_advancesTheClockWithinItsBounds_withoutSleeping() {
    backend.faults(Faults.builder().latency(Duration.ofMillis(100), Duration.ofSeconds(2)).build());
    Instant before = backend.clock().instant();
    long started = System.nanoTime();

    for (int i = 0; i < 50; i++) {
      Instant start = backend.clock().instant();
      phone.pull(0, 10);
      Duration took = Duration.between(start, backend.clock().instant());
      assertThat(took).isBetween(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    assertThat(Duration.between(before, backend.clock().instant()))
        .isGreaterThan(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void probabilities_drawFaultsInAboutThoseProportions() {
    backend.faults(Faults.builder().lostRequests(0.3).lostResponses(0.2).build());
    int failed = 0;
    for (int i = 0; i < 1000; i++) {
      try {
        phone.push(List.of(Events.insert("k" + i)));
      } catch (SyncException e) {
        failed++;
      }
    }
    assertThat(failed).isBetween(430, 570);
    // lost responses stored their push, lost requests did not
    assertThat(backend.log().size()).isBetween(650, 750);
  }

  @Test
  void sameSeed_drawsTheSameFaultsOnTheSameCalls() {
    assertThat(faultLogOf(99)).isEqualTo(faultLogOf(99)).isNotEqualTo(faultLogOf(100));
  }

  private static List<String> faultLogOf(long seed) {
    TestBackend backend = new TestBackend(seed);
    backend.faults(
        Faults.builder()
            .lostRequests(0.1)
            .lostResponses(0.1)
            .duplicates(0.1)
            .reorders(0.1)
            .restarts(0.1)
            .latency(Duration.ZERO, Duration.ofSeconds(1))
            .build());
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      TestTransport device = backend.transport(i % 3 == 0 ? "a" : "b");
      try {
        outcomes.add(device.push(List.of(Events.insert("k" + i))).toString().length() + "");
      } catch (SyncException e) {
        outcomes.add("failed");
      }
    }
    outcomes.addAll(backend.faultLog());
    outcomes.add(backend.clock().instant().toString());
    return outcomes;
  }

  @Test
  void faultsBuilder_refusesProbabilitiesAbove1_andDescribesItself() {
    assertThatThrownBy(() -> Faults.builder().lostRequests(0.6).lostResponses(0.6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> Faults.builder().restarts(1.5))
        .hasMessageContaining("between 0 and 1");
    assertThat(
            Faults.builder()
                .reorders(0.25)
                .latency(Duration.ofMillis(5), Duration.ofMillis(50))
                .build()
                .toString())
        .isEqualTo("Faults[REORDER=0.25, latency=5ms..50ms]");
    assertThat(Faults.none().toString()).isEqualTo("Faults[none]");
  }
}
