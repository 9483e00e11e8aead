package dev.eventsourced.it.values;

import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Key;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every supported component type, boxed and primitive, alone, in {@code Optional}, in nested
 * records, in {@code List}/{@code Set}/{@code Map} (maps keyed by every map key type) and in a
 * recursive record. The value properties generate it over each type's whole domain.
 */
@Collection("all_types")
public record AllTypes(
    @Key String id,
    String text,
    char aChar,
    Character boxedChar,
    boolean aBoolean,
    Boolean boxedBoolean,
    byte aByte,
    Byte boxedByte,
    short aShort,
    Short boxedShort,
    int anInt,
    Integer boxedInt,
    long aLong,
    Long boxedLong,
    float aFloat,
    Float boxedFloat,
    double aDouble,
    Double boxedDouble,
    Kind kind,
    UUID uuid,
    Instant at,
    LocalDate day,
    BigDecimal amount,
    byte[] blob,
    Optional<String> maybeText,
    Optional<Double> maybeDouble,
    Optional<Instant> maybeAt,
    Optional<byte[]> maybeBlob,
    Optional<Part> maybePart,
    Optional<List<String>> maybeTexts,
    Part part,
    List<String> texts,
    List<Character> chars,
    List<Double> doubles,
    List<Float> floats,
    List<Instant> instants,
    List<BigDecimal> amounts,
    List<byte[]> blobs,
    List<Part> parts,
    List<List<Long>> nestedLongs,
    Set<String> textSet,
    Set<Double> doubleSet,
    Set<Integer> intSet,
    Set<Kind> kindSet,
    Set<UUID> uuidSet,
    Set<LocalDate> daySet,
    Map<String, String> textMap,
    Map<Integer, Double> intMap,
    Map<Long, Instant> longMap,
    Map<UUID, byte[]> uuidMap,
    Map<Kind, List<Part>> kindMap,
    Map<String, Map<String, Part>> nestedMap,
    Tree tree) {

  /** An enum component; one constant name is not ASCII. */
  public enum Kind {
    CALM,
    ANGRY,
    ÉLAN
  }

  /** A nested record with every kind of component that needs a value rule. */
  public record Part(
      String name,
      double weight,
      Float ratio,
      Instant at,
      BigDecimal amount,
      byte[] data,
      Optional<String> note,
      List<String> lines,
      Map<String, Double> scores,
      Set<Long> ids,
      Character initial) {}

  /** A recursive nested record. */
  public record Tree(String label, double weight, List<Tree> children) {}
}
