package dev.eventsourced.processor.evolve;

import dev.eventsourced.processor.evolve.SchemaSnapshot.Component;
import dev.eventsourced.processor.evolve.SchemaSnapshot.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON text of a {@link SchemaSnapshot}: members in a fixed order, two-space indentation, a
 * trailing newline, so that the same snapshot is always the same text and diffs stay small.
 *
 * <pre>{@code
 * {
 *   "format": 1,
 *   "collection": "todos",
 *   "record": "com.acme.Todo",
 *   "version": 2,
 *   "sync": true,
 *   "key": {"name": "id", "type": "java.lang.String"},
 *   "components": [{"name": "id", "column": "id", "type": "java.lang.String"}, ...],
 *   "records": {"com.acme.Todo.Address": [{"name": "city", "type": "...", "default": "..."}]},
 *   "enums": {"com.acme.Todo.Status": ["OPEN", "DONE"]},
 *   "indexes": ["CREATE INDEX IF NOT EXISTS ..."]
 * }
 * }</pre>
 *
 * ({@code "default"} only for components with a {@code @Default}.)
 */
final class SnapshotFormat {

  private SnapshotFormat() {}

  static String write(SchemaSnapshot snapshot) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", SchemaSnapshot.FORMAT);
    root.put("collection", snapshot.collectionId());
    root.put("record", snapshot.record());
    root.put("version", snapshot.version());
    root.put("sync", snapshot.sync());
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", snapshot.key().name());
    key.put("type", snapshot.key().type());
    root.put("key", key);
    List<Object> components = new ArrayList<>();
    for (Component component : snapshot.components()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("name", component.name());
      object.put("column", component.column());
      object.put("type", component.type());
      component.defaultValue().ifPresent(text -> object.put("default", text));
      components.add(object);
    }
    root.put("components", components);
    Map<String, Object> records = new LinkedHashMap<>();
    snapshot
        .records()
        .forEach(
            (name, members) -> {
              List<Object> list = new ArrayList<>();
              for (Member member : members) {
                list.add(member(member));
              }
              records.put(name, list);
            });
    root.put("records", records);
    root.put("enums", new LinkedHashMap<>(snapshot.enums()));
    root.put("indexes", snapshot.indexes());
    return Json.write(root) + "\n";
  }

  private static Map<String, Object> member(Member member) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("name", member.name());
    object.put("type", member.type());
    member.defaultValue().ifPresent(text -> object.put("default", text));
    return object;
  }

  /**
   * The snapshot {@code text} holds.
   *
   * @throws Json.MalformedException naming the first problem: not JSON, a member missing or of the
   *     wrong type, a format this processor does not know
   */
  static SchemaSnapshot read(String text) throws Json.MalformedException {
    Map<String, Object> root = object(Json.parse(text), "the file");
    long format = number(root, "format");
    if (format != SchemaSnapshot.FORMAT) {
      throw new Json.MalformedException(
          "\"format\" is "
              + format
              + ", but this processor reads format "
              + SchemaSnapshot.FORMAT
              + " (was it written by a newer version of EventSourced DB?)");
    }
    long version = number(root, "version");
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw new Json.MalformedException("\"version\" is " + version + ", not a schema version");
    }
    Map<String, Object> key = object(member(root, "key"), "\"key\"");
    List<Component> components = new ArrayList<>();
    for (Object element : array(root, "components")) {
      Map<String, Object> component = object(element, "an element of \"components\"");
      components.add(
          new Component(
              string(component, "name"),
              string(component, "column"),
              string(component, "type"),
              optionalString(component, "default")));
    }
    Map<String, List<Member>> records = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry :
        object(member(root, "records"), "\"records\"").entrySet()) {
      List<Member> members = new ArrayList<>();
      for (Object element : list(entry.getValue(), "\"records\"." + entry.getKey())) {
        Map<String, Object> member = object(element, "a component of " + entry.getKey());
        members.add(
            new Member(
                string(member, "name"), string(member, "type"), optionalString(member, "default")));
      }
      records.put(entry.getKey(), members);
    }
    Map<String, List<String>> enums = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : object(member(root, "enums"), "\"enums\"").entrySet()) {
      enums.put(entry.getKey(), strings(entry.getValue(), "\"enums\"." + entry.getKey()));
    }
    return new SchemaSnapshot(
        string(root, "collection"),
        string(root, "record"),
        (int) version,
        bool(root, "sync"),
        new Member(string(key, "name"), string(key, "type"), Optional.empty()),
        components,
        records,
        enums,
        strings(member(root, "indexes"), "\"indexes\""));
  }

  private static Object member(Map<String, Object> object, String name)
      throws Json.MalformedException {
    if (!object.containsKey(name)) {
      throw new Json.MalformedException("member \"" + name + "\" is missing");
    }
    return object.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what)
      throws Json.MalformedException {
    if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
    throw new Json.MalformedException(what + " is not a JSON object");
  }

  private static List<?> list(Object value, String what) throws Json.MalformedException {
    if (value instanceof List<?> list) return list;
    throw new Json.MalformedException(what + " is not a JSON array");
  }

  private static List<?> array(Map<String, Object> object, String name)
      throws Json.MalformedException {
    return list(member(object, name), "\"" + name + "\"");
  }

  private static List<String> strings(Object value, String what) throws Json.MalformedException {
    List<String> strings = new ArrayList<>();
    for (Object element : list(value, what)) {
      if (!(element instanceof String string)) {
        throw new Json.MalformedException(what + " holds something other than strings");
      }
      strings.add(string);
    }
    return strings;
  }

  private static String string(Map<String, Object> object, String name)
      throws Json.MalformedException {
    if (member(object, name) instanceof String string) return string;
    throw new Json.MalformedException("member \"" + name + "\" is not a string");
  }

  private static Optional<String> optionalString(Map<String, Object> object, String name)
      throws Json.MalformedException {
    return object.containsKey(name) ? Optional.of(string(object, name)) : Optional.empty();
  }

  private static long number(Map<String, Object> object, String name)
      throws Json.MalformedException {
    if (member(object, name) instanceof Long number) return number;
    throw new Json.MalformedException("member \"" + name + "\" is not a whole number");
  }

  private static boolean bool(Map<String, Object> object, String name)
      throws Json.MalformedException {
    if (member(object, name) instanceof Boolean bool) return bool;
    throw new Json.MalformedException("member \"" + name + "\" is not true or false");
  }
}
