package dev.eventsourced.processor.validate;

import dev.eventsourced.processor.base.DefaultText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.TypeElement;

/**
 * The processor's message catalogue. Every message starts with a stable tag, {@code
 * [eventsourced:Tag]}, names the element it is about, and says how to fix it.
 */
public final class Messages {

  /** The supported component types, as listed in messages. */
  static final String SUPPORTED_TYPES =
      "String, boolean, byte, short, int, long, float, double, char and their boxes, enums, UUID,"
          + " Instant, LocalDate, BigDecimal, byte[], nested records, Optional<T>, List<T>, Set<T>"
          + " and Map<K, V> with String, enum, UUID, Integer or Long keys";

  static final String KEY_TYPES = "String, UUID, int/Integer, long/Long and enums";

  private static final String REPORT_URL = "https://eventsourced.dev";

  private Messages() {}

  public static String notARecord(TypeElement type) {
    String kind =
        type.getKind()
            .name()
            .toLowerCase(Locale.ROOT)
            .replace("annotation_type", "annotation type");
    return tag("NotARecord")
        + "@Collection is on "
        + kind
        + " "
        + type.getQualifiedName()
        + ", but only records can be collections; declare it as a record, e.g. record "
        + type.getSimpleName()
        + "(@Key String id, ...)";
  }

  public static String missingKey(TypeElement record) {
    return tag("MissingKey")
        + "@Collection record "
        + record.getQualifiedName()
        + " has no @Key component; annotate exactly one component with @Key, e.g. record "
        + record.getSimpleName()
        + "(@Key String id, ...)";
  }

  public static String duplicateKey(TypeElement record, String component, String firstKey) {
    return tag("DuplicateKey")
        + "@Collection record "
        + record.getQualifiedName()
        + " has more than one @Key: "
        + component(record, component)
        + " and "
        + component(record, firstKey)
        + "; keep @Key on exactly one component (composite keys are not supported: combine the"
        + " parts into one String key)";
  }

  public static String unsupportedType(
      TypeElement record, String path, String type, String reason) {
    return tag("UnsupportedType")
        + component(record, path)
        + " has type "
        + type
        + ", which is not supported"
        + (reason.isEmpty() ? "" : " (" + reason + ")")
        + "; supported types: "
        + SUPPORTED_TYPES;
  }

  public static String unsupportedKeyType(TypeElement record, String component, String type) {
    return tag("UnsupportedKeyType")
        + "@Key "
        + component(record, component)
        + " has type "
        + type
        + ", which cannot be a key; supported key types: "
        + KEY_TYPES;
  }

  public static String duplicateCollectionId(TypeElement record, String id, String other) {
    return tag("DuplicateCollection")
        + "collection id '"
        + id
        + "' of "
        + record.getQualifiedName()
        + " is already used by "
        + other
        + "; give one of them another id with @Collection(\"...\")";
  }

  public static String duplicateTable(TypeElement record, String table, String other) {
    return tag("DuplicateCollection")
        + "table \""
        + table
        + "\" of "
        + record.getQualifiedName()
        + " is already used by "
        + other
        + "; give one of them another table with @Collection(table = \"...\")";
  }

  public static String invalidCollectionId(TypeElement record, String id, String suggestion) {
    return tag("InvalidCollectionId")
        + "collection id '"
        + id
        + "' of "
        + record.getQualifiedName()
        + " is invalid: use lower-case letters, digits and _, starting with a letter"
        + (suggestion.isEmpty() ? "" : ", e.g. @Collection(\"" + suggestion + "\")");
  }

  public static String invalidSqlName(TypeElement record, String what, String name) {
    return tag("InvalidSqlName")
        + what
        + " \""
        + name
        + "\" of "
        + record.getQualifiedName()
        + " is invalid: use letters, digits and _, starting with a letter (and not with sqlite_)";
  }

  public static String invalidTypeName(TypeElement record, String name) {
    return tag("InvalidTypeName")
        + "@Collection(name = \""
        + name
        + "\") of "
        + record.getQualifiedName()
        + " is not a Java identifier, but it prefixes the generated type names ("
        + name
        + "Repository); use a name such as \""
        + record.getSimpleName()
        + "\"";
  }

  public static String reservedTableName(TypeElement record, String table) {
    return tag("ReservedName")
        + "table \""
        + table
        + "\" of "
        + record.getQualifiedName()
        + " has a reserved name: names starting with _ or sqlite_ belong to EventSourced DB and"
        + " SQLite; choose another table name with @Collection(table = \"...\")";
  }

  public static String reservedComponentName(TypeElement record, String component, String why) {
    return tag("ReservedName")
        + component(record, component)
        + " has a reserved name: "
        + why
        + "; rename the component";
  }

  public static String duplicateColumn(
      TypeElement record, String component, String other, String column) {
    return tag("DuplicateColumn")
        + component(record, component)
        + " and "
        + component(record, other)
        + " both map to column \""
        + column
        + "\" (column names are snake_case and"
        + " case-insensitive); rename one of them";
  }

  public static String unknownIndexComponent(
      TypeElement record, String name, List<String> components, String suggestion) {
    return tag("UnknownIndexComponent")
        + "@Index on "
        + record.getQualifiedName()
        + " names component '"
        + name
        + "', which "
        + record.getSimpleName()
        + " does not have."
        + (suggestion.isEmpty() ? "" : " Did you mean '" + suggestion + "'?")
        + " Components: "
        + String.join(", ", components);
  }

  public static String emptyIndex(TypeElement record) {
    return tag("InvalidIndex")
        + "@Index on record "
        + record.getQualifiedName()
        + " lists no components; name them in order, e.g. @Index({\"userId\", \"createdAt\"}),"
        + " or put @Index on a component to index that component";
  }

  public static String indexNamesOnComponent(TypeElement record, String component) {
    return tag("InvalidIndex")
        + "@Index on "
        + component(record, component)
        + " lists components, but on a component @Index indexes that component; remove the"
        + " names, or move the annotation to the record for a composite index";
  }

  public static String genericRecord(TypeElement record) {
    return tag("GenericRecord")
        + "@Collection record "
        + record.getQualifiedName()
        + " has type parameters, which are not supported: every column needs one concrete type;"
        + " remove the type parameters";
  }

  public static String privateRecord(TypeElement record) {
    return tag("PrivateRecord")
        + "@Collection record "
        + record.getQualifiedName()
        + " is private or nested in a private type, so generated code cannot use it; make it"
        + " package-private or public";
  }

  public static String undefinedType(TypeElement record, String path, String type) {
    return tag("UndefinedType")
        + component(record, path)
        + " has type "
        + type
        + ", which is not defined; import or declare it (if another annotation processor"
        + " generates it, make sure that processor runs in the same compilation)";
  }

  public static String defaultOnKey(TypeElement record, String component) {
    return tag("InvalidDefault")
        + "@Default on @Key "
        + component(record, component)
        + ": every event carries its key, so the key never needs a default; remove @Default";
  }

  /**
   * @param where the component, {@code Todo.priority} or, in a nested record, {@code Address.city}
   */
  public static String unsupportedDefault(String where, String type) {
    return tag("InvalidDefault")
        + "@Default on component "
        + where
        + ", of type "
        + type
        + ", is not supported; @Default supports "
        + DefaultText.SUPPORTED
        + ". Remove it: a missing member of this type reads as null";
  }

  public static String invalidDefault(String where, String text, String type, String expected) {
    return tag("InvalidDefault")
        + "@Default(\""
        + text
        + "\") on component "
        + where
        + " is not a valid "
        + type
        + ": expected "
        + expected;
  }

  private static String upcast(TypeElement record, String method) {
    return "@Upcast method " + record.getSimpleName() + "." + method + "(...)";
  }

  private static String upcastExample(String method) {
    return "static Map<String, Object> " + method + "(Map<String, Object> payload)";
  }

  public static String upcastNotStatic(TypeElement record, String method) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " is not static, but the runtime calls it without a record; declare it "
        + upcastExample(method);
  }

  public static String upcastPrivate(TypeElement record, String method) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " is private, but the generated collection definition calls it; make it package-private"
        + " or public";
  }

  public static String upcastSignature(TypeElement record, String method, String signature) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " is declared "
        + signature
        + ", but an upcaster takes the payload and returns it, without type parameters: "
        + upcastExample(method);
  }

  public static String upcastThrows(TypeElement record, String method, List<String> exceptions) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " declares checked exceptions ("
        + String.join(", ", exceptions)
        + "), which the runtime cannot handle; remove the throws clause and throw unchecked"
        + " exceptions only";
  }

  public static String upcastVersionBelowOne(TypeElement record, String method, int version) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " has fromVersion = "
        + version
        + ", but schema versions start at 1; give the version of the payloads it rewrites";
  }

  public static String duplicateUpcast(
      TypeElement record, String method, String first, int version) {
    return tag("DuplicateUpcast")
        + upcast(record, method)
        + " and "
        + upcast(record, first)
        + " both have fromVersion = "
        + version
        + "; keep one upcaster per version and do all of that version's rewriting in it";
  }

  public static String upcastVersionTooHigh(
      TypeElement record, String method, int fromVersion, String collectionId, int current) {
    return tag("InvalidUpcast")
        + upcast(record, method)
        + " has fromVersion = "
        + fromVersion
        + ", but collection "
        + collectionId
        + " is at schema version "
        + current
        + (current == 1
            ? ", which has no older version to upcast from; remove the method (it is needed only"
                + " once a change breaks old events)"
            : "; an upcaster rewrites payloads of an older version into the next one, so"
                + " fromVersion must be from 1 to "
                + (current - 1));
  }

  /**
   * A change that breaks events of the snapshot's version.
   *
   * @param description what changed
   * @param reason why old events break
   * @param renamedFrom for a probable rename, the old component name (for the example); else null
   * @param renamedTo for a probable rename, the new component name; else null
   * @param primitiveAdded whether the change is a primitive component added without a default
   */
  /** A change of the record that only undoing it can make good (no upcaster can). */
  public static String irreparableChange(
      TypeElement record,
      String collectionId,
      String description,
      String reason,
      String snapshot,
      int version) {
    return tag("IncompatibleChange")
        + "@Collection record "
        + record.getQualifiedName()
        + ": "
        + description
        + " since schema version "
        + version
        + " of collection "
        + collectionId
        + " (snapshot "
        + snapshot
        + "): "
        + reason
        + ". No upcaster can change where events went: undo the change, or give the collection "
        + "another id (a new collection) and move the rows over in the app";
  }

  public static String incompatibleChange(
      TypeElement record,
      String collectionId,
      String description,
      String reason,
      String snapshot,
      int version,
      String renamedFrom,
      String renamedTo,
      boolean primitiveAdded) {
    String body =
        renamedFrom == null
            ? "...; return payload;"
            : "payload.put(\""
                + renamedTo
                + "\", payload.remove(\""
                + renamedFrom
                + "\")); return payload;";
    return tag("IncompatibleChange")
        + "@Collection record "
        + record.getQualifiedName()
        + ": "
        + description
        + " since schema version "
        + version
        + " of collection "
        + collectionId
        + " (snapshot "
        + snapshot
        + "). This breaks old events: "
        + reason
        + ". Add an upcaster to "
        + record.getSimpleName()
        + " that rewrites version "
        + version
        + " payloads into the new shape, e.g. @Upcast(fromVersion = "
        + version
        + ") static Map<String, Object> upcast"
        + version
        + "(Map<String, Object> payload) { "
        + body
        + " }"
        + (primitiveAdded ? ", or give the component a @Default" : "")
        + "; or undo the change";
  }

  /**
   * The note for a compatible change (or one an upcaster accepts).
   *
   * @param upcaster the {@code @Upcast} method that accepts breaking changes, or null
   */
  public static String schemaChanged(
      TypeElement record,
      String collectionId,
      int from,
      int to,
      List<String> changes,
      String upcaster,
      String snapshot) {
    return tag("SchemaChanged")
        + "collection "
        + collectionId
        + " of "
        + record.getQualifiedName()
        + " is now at schema version "
        + to
        + " (was "
        + from
        + "): "
        + (changes.isEmpty() ? "its payload shape changed" : String.join("; ", changes))
        + (upcaster == null
            ? ""
            : "; events of version "
                + from
                + " are upcast by "
                + record.getSimpleName()
                + "."
                + upcaster)
        + ". Updated "
        + snapshot
        + "; commit it with the change";
  }

  public static String snapshotCreated(
      TypeElement record, String collectionId, int version, String snapshot) {
    return tag("SchemaSnapshot")
        + "wrote the schema snapshot of collection "
        + collectionId
        + " ("
        + record.getQualifiedName()
        + ", version "
        + version
        + ") to "
        + snapshot
        + "; commit it: later builds compare the record with it to keep old events readable";
  }

  public static String invalidSnapshot(
      TypeElement record, String collectionId, String snapshot, String problem) {
    return tag("InvalidSnapshot")
        + "cannot read the schema snapshot "
        + snapshot
        + " of collection "
        + collectionId
        + " ("
        + record.getQualifiedName()
        + "): "
        + problem
        + ". Fix the file (restore it from version control), or delete it to start a new snapshot"
        + " (set @Collection(schemaVersion) to the version it had, so that versions keep rising)";
  }

  public static String snapshotIo(
      TypeElement record, String collectionId, String snapshot, String action, Exception error) {
    return tag("SnapshotIo")
        + "cannot "
        + action
        + " the schema snapshot "
        + snapshot
        + " of collection "
        + collectionId
        + " ("
        + record.getQualifiedName()
        + "): "
        + error
        + "; check the directory's permissions, or choose another with"
        + " -Aeventsourced.schemaDir=<dir> (none disables snapshots)";
  }

  public static String internal(TypeElement record, Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return tag("Internal")
        + "unexpected error while processing @Collection record "
        + record.getQualifiedName()
        + "; this is a bug in the EventSourced DB processor, please report it at "
        + REPORT_URL
        + " with this message: "
        + trace;
  }

  public static String registryNotWritten(String file, Exception error) {
    return tag("Internal")
        + "cannot write "
        + file
        + " ("
        + error
        + "); this is a bug in the EventSourced DB"
        + " processor or a problem with the build's output directory, please report it at "
        + REPORT_URL;
  }

  private static String component(TypeElement record, String path) {
    return "component " + record.getSimpleName() + "." + path;
  }

  private static String tag(String tag) {
    return "[eventsourced:" + tag + "] ";
  }
}
