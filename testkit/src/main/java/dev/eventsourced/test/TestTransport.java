package dev.eventsourced.test;

import dev.eventsourced.db.exception.SyncException;
import dev.eventsourced.db.sync.SyncTransport;
import dev.eventsourced.protocol.PullResult;
import dev.eventsourced.protocol.PushResult;
import dev.eventsourced.protocol.SyncEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * One device's link to a {@link TestBackend}, made by {@link TestBackend#transport(String)}: a
 * {@link SyncTransport} whose calls reach the backend through the backend's simulated network. It
 * can be taken {@linkplain #offline(boolean) offline}, and the next calls can be given a {@link
 * Fault} on top of the backend's random ones.
 *
 * <p>Thread-safe: its state is guarded by the backend.
 */
public final class TestTransport implements SyncTransport {

  private final TestBackend backend;
  private final String device;
  private boolean offline;
  private final Deque<Fault> nextPushes = new ArrayDeque<>();
  private final Deque<Fault> nextPulls = new ArrayDeque<>();

  TestTransport(TestBackend backend, String device) {
    this.backend = backend;
    this.device = device;
  }

  /** The device's name, as given to {@link TestBackend#transport(String)}. */
  public String device() {
    return device;
  }

  /**
   * Takes the device off the network ({@code true}) or back on: while offline, every push and pull
   * throws {@link SyncException} without reaching the backend.
   */
  public TestTransport offline(boolean offline) {
    synchronized (backend) {
      this.offline = offline;
      backend.notifyAll(); // ends this device's long-poll
    }
    return this;
  }

  /** Whether the device is offline. */
  public boolean isOffline() {
    synchronized (backend) {
      return offline;
    }
  }

  /**
   * Gives the device's next pushes these faults, one each, in order, before the backend's random
   * faults apply again.
   */
  public TestTransport failNextPush(Fault... faults) {
    synchronized (backend) {
      nextPushes.addAll(Arrays.asList(requireNonNulls(faults)));
    }
    return this;
  }

  /**
   * Gives the device's next pulls these faults, one each, in order, before the backend's random
   * faults apply again. {@link Fault#REORDER} on a pull is a lost response.
   */
  public TestTransport failNextPull(Fault... faults) {
    synchronized (backend) {
      nextPulls.addAll(Arrays.asList(requireNonNulls(faults)));
    }
    return this;
  }

  /** Back online, with no scheduled faults. */
  void heal() {
    offline = false;
    nextPushes.clear();
    nextPulls.clear();
  }

  /** The next scheduled push fault, or {@code null}; called under the backend's lock. */
  Fault pollPush() {
    return nextPushes.poll();
  }

  /** The next scheduled pull fault, or {@code null}; called under the backend's lock. */
  Fault pollPull() {
    return nextPulls.poll();
  }

  /** Whether the device is offline; called under the backend's lock. */
  boolean offlineNow() {
    return offline;
  }

  /**
   * Sends {@code events} to the backend through the simulated network.
   *
   * @throws SyncException when the device is offline or a fault struck the call
   */
  @Override
  public PushResult push(List<SyncEvent> events) {
    return backend.push(this, events);
  }

  /**
   * Pulls from the backend through the simulated network.
   *
   * @throws SyncException when the device is offline, a fault struck the call, or {@code since} or
   *     {@code limit} is out of the protocol's range (status 400)
   */
  @Override
  public PullResult pull(long since, int limit) {
    return backend.pull(this, since, limit);
  }

  /**
   * Waits up to {@code wait} (real time: only automatic sync calls it, see {@link
   * TestBackend#open}) for the backend to hold events after {@code since}, then pulls as {@link
   * #pull} does, faults included.
   *
   * @throws SyncException when the device is offline, a fault struck the call, or the wait was
   *     interrupted
   */
  @Override
  public PullResult poll(long since, int limit, Duration wait) {
    return backend.poll(this, since, limit, wait);
  }

  @Override
  public String toString() {
    return "TestTransport[" + device + (isOffline() ? ", offline" : "") + "]";
  }

  private static Fault[] requireNonNulls(Fault[] faults) {
    for (Fault fault : faults) Objects.requireNonNull(fault, "fault");
    return faults;
  }
}
