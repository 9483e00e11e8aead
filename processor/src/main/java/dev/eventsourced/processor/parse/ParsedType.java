package dev.eventsourced.processor.parse;

import dev.eventsourced.processor.base.ValueType;

/** What the parser made of a component type: supported, unsupported, or not defined (yet). */
public sealed interface ParsedType {

  /** A supported type. */
  record Supported(ValueType type) implements ParsedType {}

  /**
   * An unsupported type.
   *
   * @param path the component path to the offending type, e.g. {@code address.location}
   * @param type the offending type as written
   * @param reason why it is not supported, or "" when it is simply not in the supported list
   */
  record Unsupported(String path, String type, String reason) implements ParsedType {}

  /**
   * A type the compiler cannot resolve (yet): perhaps generated later in this compilation.
   *
   * @param path the component path to the type
   * @param type the type as written
   */
  record Undefined(String path, String type) implements ParsedType {}
}
