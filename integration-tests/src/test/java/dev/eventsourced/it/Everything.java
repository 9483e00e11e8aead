package dev.eventsourced.it;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A record with every supported component type. */
@Collection("everything")
public record Everything(
    @Key UUID id,
    @Index String text,
    int anInt,
    long aLong,
    short aShort,
    byte aByte,
    double aDouble,
    float aFloat,
    boolean aBoolean,
    char aChar,
    Integer boxedInt,
    Long boxedLong,
    Double boxedDouble,
    Boolean boxedBoolean,
    Character boxedChar,
    Mood mood,
    UUID reference,
    Instant at,
    LocalDate day,
    BigDecimal amount,
    byte[] blob,
    Optional<String> maybe,
    Optional<Instant> maybeAt,
    Address address,
    List<String> tags,
    Set<Integer> numbers,
    Map<String, Address> places,
    Map<Mood, List<Long>> byMood,
    List<Address> addresses) {

  /** An enum component. */
  public enum Mood {
    CALM,
    ANGRY
  }

  /** A nested record, stored as JSON. */
  public record Address(String street, int number, Optional<String> city, List<String> lines) {}
}
