package dev.eventsourced.db.internal.live;

import dev.eventsourced.db.internal.Change;
import dev.eventsourced.db.live.Delta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live node whose next result is set by the test, and whose in-memory update and reload can be
 * made to fail: for the node's, the mailboxes' and the registry's own tests.
 */
final class TestNode extends LiveNode<String> {

  List<String> next = List.of();
  RuntimeException applyFailure;
  RuntimeException loadFailure;
  int applies;
  int loads;
  final List<Map<String, List<Change>>> applied = new ArrayList<>();

  TestNode(String... collections) {
    super(null, Set.of(collections), String::equals);
  }

  @Override
  Delta<String> load() {
    loads++;
    if (loadFailure != null) throw loadFailure;
    return publish(new ArrayList<>(next), next);
  }

  @Override
  Delta<String> apply(Map<String, List<Change>> changes) {
    applies++;
    applied.add(changes);
    if (applyFailure != null) throw applyFailure;
    return publish(new ArrayList<>(next), next);
  }

  @Override
  String describe() {
    return "test node";
  }
}
