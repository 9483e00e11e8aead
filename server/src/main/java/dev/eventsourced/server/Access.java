package dev.eventsourced.server;

import dev.eventsourced.protocol.Rejection;
import dev.eventsourced.protocol.SyncEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an authenticated client may do: the collections it may push (write) and pull (read), and who
 * it is (for logs). {@link Authenticator} returns it with {@link Authenticator.Result#allow};
 * {@link #ALL} is the access of a static bearer token, or of everyone without authentication.
 *
 * <p>A set holding {@value #ANY} means every collection. A push with an event of a collection the
 * client may not write is refused as a whole ({@code 403 forbidden}, naming each such event); a
 * pull asking for a collection it may not read is refused, and a pull without a {@code collection}
 * filter is limited to the collections it may read.
 *
 * @param subject who the client is (a JWT's {@code sub}), or {@code null} when unknown
 * @param push the collections it may push, or a set holding {@value #ANY}
 * @param pull the collections it may pull, or a set holding {@value #ANY}
 */
public record Access(String subject, Set<String> push, Set<String> pull) {

  /** The wildcard: every collection. */
  public static final String ANY = "*";

  /** Push and pull every collection, subject unknown. */
  public static final Access ALL = new Access(null, Set.of(ANY), Set.of(ANY));

  public Access {
    push = Set.copyOf(push);
    pull = Set.copyOf(pull);
  }

  /** May this client push events of {@code collection}? */
  public boolean mayPush(String collection) {
    return push.contains(ANY) || push.contains(collection);
  }

  /** May this client pull events of {@code collection}? */
  public boolean mayPull(String collection) {
    return pull.contains(ANY) || pull.contains(collection);
  }

  /**
   * Refuses (403) a push holding any event of a collection this client may not write, naming every
   * such event by index.
   */
  void checkPush(List<SyncEvent> events) {
    if (push.contains(ANY)) {
      return;
    }
    List<Rejection> problems = new ArrayList<>();
    for (int i = 0; i < events.size() && problems.size() < 100; i++) {
      String collection = events.get(i).collectionId();
      if (!mayPush(collection)) {
        problems.add(
            Rejection.atEvent(
                i,
                "collectionId",
                "this client may not push to collection \""
                    + collection
                    + "\"; it may push to "
                    + describe(push)));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(403, "forbidden", problems);
    }
  }

  /**
   * The collection filter a pull runs with: {@code requested} when this client may read all of them
   * (refused with 403 otherwise); without a filter, every collection this client may read.
   */
  Set<String> pullFilter(Set<String> requested) {
    if (pull.contains(ANY)) {
      return requested;
    }
    if (requested.isEmpty()) {
      if (pull.isEmpty()) {
        throw forbiddenPull("this client may not pull any collection");
      }
      return new LinkedHashSet<>(pull);
    }
    for (String collection : requested) {
      if (!mayPull(collection)) {
        throw forbiddenPull(
            "this client may not pull collection \""
                + collection
                + "\"; it may pull "
                + describe(pull));
      }
    }
    return requested;
  }

  private static InvalidRequestException forbiddenPull(String message) {
    return new InvalidRequestException(
        403, "forbidden", List.of(Rejection.ofRequest("collection", message)));
  }

  private static String describe(Set<String> collections) {
    if (collections.isEmpty()) {
      return "none";
    }
    List<String> sorted = new ArrayList<>(collections);
    sorted.sort(null);
    return String.join(", ", sorted);
  }
}
