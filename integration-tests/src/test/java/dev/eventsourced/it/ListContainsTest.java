package dev.eventsourced.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.live.LiveQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contains} on list and set components of records compiled by the processor. */
class ListContainsTest {

  @TempDir Path dir;

  @Test
  void contains_findsRowsWhoseListOrSetHoldsTheElement_inQueriesAndLiveQueries() {
    List<Everything> samples = GeneratedRoundTripTest.samples().collect(Collectors.toList());
    try (EventSourcedDb db =
        EventSourcedDb.builder()
            .path(dir.resolve("contains.sqlite"))
            .collections(EverythingRepository.COLLECTION)
            .open()) {
      EverythingRepository repository = EverythingRepository.of(db);
      samples.forEach(repository::insert);
      UUID extremes = samples.get(0).id();

      assertThat(repository.query().where(Everything_.TAGS.contains("😀")).list())
          .extracting(Everything::id)
          .containsExactly(extremes);
      assertThat(repository.query().where(Everything_.TAGS.contains("")).count()).isEqualTo(1);
      assertThat(repository.query().where(Everything_.TAGS.contains("y")).count()).isZero();
      assertThat(repository.query().where(Everything_.NUMBERS.contains(Integer.MIN_VALUE)).list())
          .extracting(Everything::id)
          .containsExactly(extremes);
      assertThat(repository.query().where(Everything_.NUMBERS.contains(2)).count()).isZero();

      LiveQuery<Everything> tagged =
          repository.query().where(Everything_.TAGS.contains("new")).live();
      assertThat(tagged.current()).isEmpty();
      repository.update(samples.get(1).id(), draft -> draft.tags(List.of("new", "tag")));
      assertThat(tagged.current()).extracting(Everything::id).containsExactly(samples.get(1).id());
      repository.update(samples.get(1).id(), draft -> draft.tags(List.of("old")));
      assertThat(tagged.current()).isEmpty();

      assertThatThrownBy(() -> Everything_.TAGS.contains(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("contains(null)");
    }
  }
}
