package dev.eventsourced.devtools.cli;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A record with most column types, compiled by the real processor for the CLI's tests. */
@Collection("notes")
public record Note(
    @Key String id,
    @Index String title,
    Mood mood,
    Instant at,
    Optional<String> comment,
    List<String> tags,
    BigDecimal amount,
    byte[] blob,
    double score,
    boolean done,
    LocalDate day,
    UUID ref,
    Map<String, Integer> counts,
    Place place) {

  /** An enum component. */
  public enum Mood {
    CALM,
    BUSY
  }

  /** A nested record, stored as JSON. */
  public record Place(String name, int floor) {}

  Note withComment(String text) {
    return new Note(
        id,
        title,
        mood,
        at,
        Optional.of(text),
        tags,
        amount,
        blob,
        score,
        done,
        day,
        ref,
        counts,
        place);
  }

  static Note of(String id, String title) {
    return new Note(
        id,
        title,
        Mood.CALM,
        Instant.ofEpochMilli(1_700_000_000_000L),
        Optional.empty(),
        List.of("a"),
        new BigDecimal("1.50"),
        new byte[] {1, 2, 3},
        0.5,
        false,
        LocalDate.of(2026, 12, 1),
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        Map.of("x", 1),
        new Place("home", 2));
  }
}
