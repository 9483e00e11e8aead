package dev.eventsourced.server;

import dev.eventsourced.protocol.Confirmation;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a store instance. Appends from concurrent requests queue up here; the writer
 * thread takes every queued batch (up to {@link #MAX_GROUP_EVENTS} events) and stores them in one
 * transaction, so concurrent pushes share one lock acquisition and one commit (group commit).
 */
final class GroupCommitWriter implements AutoCloseable {

  /** Largest number of events written in one transaction. */
  static final int MAX_GROUP_EVENTS = 4000;

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Stores a list of events in one transaction; returns each event's globalSeq, in order. */
  @FunctionalInterface
  interface Transaction {
    long[] appendAll(List<SyncEvent> events) throws Exception;
  }

  private static final class Request {
    final List<SyncEvent> events;
    final CompletableFuture<List<Confirmation>> result = new CompletableFuture<>();

    Request(List<SyncEvent> events) {
      this.events = events;
    }
  }

  /** Put on the queue by {@link #close()} so the writer does not wait for its poll to time out. */
  private static final Request STOP = new Request(List.of());

  private final String storeName;
  private final Transaction transaction;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  GroupCommitWriter(String storeName, Transaction transaction) {
    this.storeName = storeName;
    this.transaction = transaction;
    this.thread = new Thread(this::run, "eventsourced-writer-" + storeName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Appends {@code events} and waits until they are committed. */
  List<Confirmation> append(List<SyncEvent> events) {
    if (!running) {
      throw new EventStoreException(
          "event store " + storeName + " is closed; open a new one", null);
    }
    Request request = new Request(events);
    queue.add(request);
    if (!running && queue.remove(request)) {
      throw new EventStoreException(
          "event store " + storeName + " was closed before the append ran; retry the push", null);
    }
    try {
      return request.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventStoreException(
          "interrupted while waiting for the append to commit; it may or may not have been"
              + " stored, retry the push (retries are idempotent)",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EventStoreException) {
        throw (EventStoreException) cause;
      }
      throw new EventStoreException("append to " + storeName + " failed: " + cause, cause);
    }
  }

  private void run() {
    List<Request> group = new ArrayList<>();
    List<SyncEvent> events = new ArrayList<>();
    while (running) {
      try {
        Request first = queue.take();
        if (first == STOP) {
          break;
        }
        group.add(first);
        events.addAll(first.events);
        Request next;
        while ((next = queue.peek()) != null
            && next != STOP
            && events.size() + next.events.size() <= MAX_GROUP_EVENTS) {
          queue.poll();
          group.add(next);
          events.addAll(next.events);
        }
        commit(group, events);
      } catch (InterruptedException e) {
        if (running) {
          LOG.warn(
              "Writer of {} was interrupted; it keeps running until the store is closed",
              storeName);
        }
      } finally {
        group.clear();
        events.clear();
      }
    }
  }

  private void commit(List<Request> group, List<SyncEvent> events) {
    long[] seqs;
    try {
      seqs = transaction.appendAll(events);
    } catch (Exception | Error e) {
      EventStoreException failure =
          e instanceof EventStoreException
              ? (EventStoreException) e
              : new EventStoreException(
                  "could not append "
                      + events.size()
                      + " events to "
                      + storeName
                      + "; nothing of this push was stored, retry it: "
                      + e,
                  e);
      for (Request request : group) {
        request.result.completeExceptionally(failure);
      }
      return;
    }
    int offset = 0;
    for (Request request : group) {
      List<Confirmation> confirmations = new ArrayList<>(request.events.size());
      for (SyncEvent event : request.events) {
        confirmations.add(new Confirmation(event.eventId(), seqs[offset++]));
      }
      request.result.complete(confirmations);
    }
  }

  private void failPending() {
    Request request;
    while ((request = queue.poll()) != null) {
      if (request == STOP) {
        continue;
      }
      request.result.completeExceptionally(
          new EventStoreException(
              "event store " + storeName + " was closed before the append ran; retry the push",
              null));
    }
  }

  @Override
  public void close() {
    running = false;
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failPending();
  }
}
