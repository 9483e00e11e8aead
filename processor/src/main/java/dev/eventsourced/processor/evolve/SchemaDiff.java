package dev.eventsourced.processor.evolve;

import dev.eventsourced.processor.evolve.SchemaSnapshot.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule of schema evolution: what changed between the snapshot of the last version and the
 * record as it is now, and whether events written with the last version can still be read.
 *
 * <p>Compatible: a component added that is nullable (a reference type) or has a {@code @Default}; a
 * component removed; an enum constant added; a default added, changed or removed; a retype old JSON
 * still reads (a primitive to its box, {@code T} to {@code Optional<T>} and back, numeric widening:
 * {@code byte}&rarr;{@code short}&rarr;{@code int}&rarr;{@code long}, {@code float}&rarr;{@code
 * double}, any integral type&rarr;{@code double}); the same inside nested records.
 *
 * <p>Breaking: any other retype; an enum constant removed; the key renamed or retyped; a primitive
 * component added without a {@code @Default}; a component removed and one of the same type added (a
 * probable rename); {@code sync} changed.
 */
final class SchemaDiff {

  /**
   * One change.
   *
   * @param breaking whether events of the last version break
   * @param nestedRecord the qualified name of the nested record it is in, or null
   * @param component the component (of the record, or of {@code nestedRecord}) it is best reported
   *     on, or null for the record
   * @param description what changed, e.g. {@code component count changed type from int to long}
   * @param reason for a breaking change, why old events break; else ""
   * @param renamedFrom for a probable rename, the removed component; else null
   */
  record Change(
      boolean breaking,
      String nestedRecord,
      String component,
      String description,
      String reason,
      String renamedFrom,
      boolean upcastable) {

    static Change compatible(String nestedRecord, String component, String description) {
      return new Change(false, nestedRecord, component, description, "", null, true);
    }

    static Change breaking(
        String nestedRecord, String component, String description, String reason) {
      return new Change(true, nestedRecord, component, description, reason, null, true);
    }

    /** A breaking change that no upcaster can make good: only undoing it can. */
    static Change irreparable(String description, String reason) {
      return new Change(true, null, null, description, reason, null, false);
    }
  }

  private static final Map<String, String> BOXES =
      Map.of(
          "boolean", "java.lang.Boolean",
          "byte", "java.lang.Byte",
          "short", "java.lang.Short",
          "int", "java.lang.Integer",
          "long", "java.lang.Long",
          "float", "java.lang.Float",
          "double", "java.lang.Double",
          "char", "java.lang.Character");

  private static final List<String> INTEGRAL = List.of("byte", "short", "int", "long");

  private static final String OPTIONAL = "java.util.Optional<";

  private final int oldVersion;
  private final List<Change> changes = new ArrayList<>();

  private SchemaDiff(int oldVersion) {
    this.oldVersion = oldVersion;
  }

  /** The changes from {@code last} to {@code current}, breaking or not, in a stable order. */
  static List<Change> compare(SchemaSnapshot last, SchemaSnapshot current) {
    SchemaDiff diff = new SchemaDiff(last.version());
    diff.compareCollection(last, current);
    return List.copyOf(diff.changes);
  }

  /**
   * The first component whose type mentions {@code type} (directly or as a type argument), where an
   * error about that type belongs; {@code null} when only nested records use it.
   */
  private static String componentOfType(SchemaSnapshot snapshot, String type) {
    java.util.regex.Pattern mention =
        java.util.regex.Pattern.compile(
            "(^|[<, ])" + java.util.regex.Pattern.quote(type) + "($|[>, ])");
    for (var component : snapshot.components()) {
      if (mention.matcher(component.member().type()).find()) return component.name();
    }
    return null;
  }

  private void compareCollection(SchemaSnapshot last, SchemaSnapshot current) {
    if (last.sync() != current.sync()) {
      changes.add(
          Change.irreparable(
              "@Collection(sync) changed from " + last.sync() + " to " + current.sync(),
              current.sync()
                  ? "the local-only events logged so far were never meant to be pushed"
                  : "events of this collection are already on the server and on other devices,"
                      + " which would keep sending them"));
    }
    Member lastKey = last.key();
    Member key = current.key();
    boolean keyChanged = !lastKey.equals(key);
    if (!lastKey.name().equals(key.name())) {
      changes.add(
          Change.breaking(
              null,
              key.name(),
              "the key changed from component "
                  + lastKey.name()
                  + " ("
                  + lastKey.type()
                  + ") to component "
                  + key.name()
                  + " ("
                  + key.type()
                  + ")",
              "every event is addressed by its key, and events of version "
                  + oldVersion
                  + " carry "
                  + lastKey.name()
                  + " values"));
    } else if (!lastKey.type().equals(key.type())) {
      changes.add(
          Change.breaking(
              null,
              key.name(),
              "the key "
                  + key.name()
                  + " changed type from "
                  + lastKey.type()
                  + " to "
                  + key.type(),
              "every event is addressed by its key, and events of version "
                  + oldVersion
                  + " carry "
                  + lastKey.type()
                  + " keys"));
    }
    Map<String, Member> lastMembers = new LinkedHashMap<>();
    last.components().forEach(c -> lastMembers.put(c.name(), c.member()));
    Map<String, Member> members = new LinkedHashMap<>();
    current.components().forEach(c -> members.put(c.name(), c.member()));
    if (keyChanged) {
      // Reported above; the key components are not also added, removed or retyped.
      List.of(lastKey.name(), key.name())
          .forEach(
              name -> {
                lastMembers.remove(name);
                members.remove(name);
              });
    }
    compareMembers(null, lastMembers, members);
    for (Map.Entry<String, List<Member>> entry : current.records().entrySet()) {
      List<Member> lastRecord = last.records().get(entry.getKey());
      if (lastRecord == null) continue; // new: reached through a component added or retyped
      compareMembers(entry.getKey(), byName(lastRecord), byName(entry.getValue()));
    }
    for (Map.Entry<String, List<String>> entry : current.enums().entrySet()) {
      List<String> lastConstants = last.enums().get(entry.getKey());
      if (lastConstants == null) continue;
      for (String constant : lastConstants) {
        if (!entry.getValue().contains(constant)) {
          changes.add(
              Change.breaking(
                  null,
                  componentOfType(current, entry.getKey()),
                  "constant " + constant + " was removed from enum " + entry.getKey(),
                  "events of version "
                      + oldVersion
                      + " may carry "
                      + constant
                      + ", which no longer reads"));
        }
      }
      for (String constant : entry.getValue()) {
        if (!lastConstants.contains(constant)) {
          changes.add(
              Change.compatible(
                  null, null, "constant " + constant + " was added to enum " + entry.getKey()));
        }
      }
    }
  }

  private static Map<String, Member> byName(List<Member> list) {
    Map<String, Member> members = new LinkedHashMap<>();
    list.forEach(member -> members.put(member.name(), member));
    return members;
  }

  /** Compares the components of the collection record ({@code record} null) or a nested record. */
  private void compareMembers(
      String record, Map<String, Member> lastMembers, Map<String, Member> members) {
    String in = record == null ? "" : " of nested record " + record;
    List<Member> removed = new ArrayList<>();
    List<Member> added = new ArrayList<>();
    for (Member last : lastMembers.values()) {
      if (!members.containsKey(last.name())) removed.add(last);
    }
    for (Member member : members.values()) {
      Member last = lastMembers.get(member.name());
      if (last == null) {
        added.add(member);
        continue;
      }
      if (!last.type().equals(member.type())) {
        String description =
            "component "
                + member.name()
                + in
                + " changed type from "
                + last.type()
                + " to "
                + member.type();
        if (reads(last.type(), member.type())) {
          changes.add(Change.compatible(record, member.name(), description));
        } else {
          changes.add(
              Change.breaking(
                  record,
                  member.name(),
                  description,
                  "events of version "
                      + oldVersion
                      + " carry "
                      + member.name()
                      + " as a "
                      + last.type()
                      + ", which a "
                      + member.type()
                      + " cannot read"));
        }
      }
      if (!last.defaultValue().equals(member.defaultValue())) {
        changes.add(Change.compatible(record, member.name(), defaultChange(member, last, in)));
      }
    }
    for (Member member : List.copyOf(added)) {
      Optional<Member> renamed =
          removed.stream().filter(r -> r.type().equals(member.type())).findFirst();
      if (renamed.isEmpty()) continue;
      Member old = renamed.get();
      removed.remove(old);
      added.remove(member);
      changes.add(
          new Change(
              true,
              record,
              member.name(),
              "component "
                  + old.name()
                  + in
                  + " was removed and component "
                  + member.name()
                  + " of the same type ("
                  + member.type()
                  + ") added: probably a rename",
              "events of version "
                  + oldVersion
                  + " carry "
                  + old.name()
                  + ", which is no longer read, and lack "
                  + member.name(),
              old.name(),
              true));
    }
    for (Member member : removed) {
      changes.add(
          Change.compatible(record, null, "component " + member.name() + in + " was removed"));
    }
    for (Member member : added) {
      String description =
          "component "
              + member.name()
              + in
              + " ("
              + member.type()
              + member.defaultValue().map(text -> ", @Default(" + quote(text) + ")").orElse("")
              + ") was added";
      if (BOXES.containsKey(member.type()) && member.defaultValue().isEmpty()) {
        changes.add(
            Change.breaking(
                record,
                member.name(),
                description + " without a @Default",
                "events of version "
                    + oldVersion
                    + " lack it, and a "
                    + member.type()
                    + " cannot be missing"));
      } else {
        changes.add(Change.compatible(record, member.name(), description));
      }
    }
  }

  private static String defaultChange(Member member, Member last, String in) {
    String name = "component " + member.name() + in;
    if (last.defaultValue().isEmpty()) {
      return name + " got @Default(" + quote(member.defaultValue().get()) + ")";
    }
    if (member.defaultValue().isEmpty()) {
      return name + " lost its @Default(" + quote(last.defaultValue().get()) + ")";
    }
    return "the @Default of "
        + name
        + " changed from "
        + quote(last.defaultValue().get())
        + " to "
        + quote(member.defaultValue().get());
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }

  /**
   * Whether JSON written for a value of type {@code from} reads as a value of type {@code to}
   * (different types).
   */
  static boolean reads(String from, String to) {
    String fromValue = unwrapOptional(from);
    String toValue = unwrapOptional(to);
    if (fromValue.equals(toValue)) return true; // T <-> Optional<T>
    if (Objects.equals(BOXES.get(fromValue), toValue)) return true; // primitive to box
    String fromPrimitive = unbox(fromValue);
    String toPrimitive = unbox(toValue);
    boolean fromMayBeNull = !fromValue.equals(fromPrimitive) || !from.equals(fromValue);
    if (fromMayBeNull && toValue.equals(toPrimitive)) return false; // null would read as zero
    if (INTEGRAL.contains(fromPrimitive)) {
      return toPrimitive.equals("double")
          || INTEGRAL.contains(toPrimitive)
              && INTEGRAL.indexOf(toPrimitive) > INTEGRAL.indexOf(fromPrimitive);
    }
    return fromPrimitive.equals("float") && toPrimitive.equals("double");
  }

  private static String unwrapOptional(String type) {
    return type.startsWith(OPTIONAL) && type.endsWith(">")
        ? type.substring(OPTIONAL.length(), type.length() - 1)
        : type;
  }

  private static String unbox(String type) {
    for (Map.Entry<String, String> box : BOXES.entrySet()) {
      if (box.getValue().equals(type)) return box.getKey();
    }
    return type;
  }
}
