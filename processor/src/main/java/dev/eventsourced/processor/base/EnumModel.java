package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * An enum type used in a component (directly, in an {@code Optional}, {@code List}, {@code Set}, as
 * a {@code Map} key or value, or in a nested record): stored and encoded by constant name.
 *
 * @param type the enum
 * @param constants the names of its constants, in declaration order
 */
public record EnumModel(ClassName type, List<String> constants) {

  public EnumModel {
    constants = List.copyOf(constants);
  }
}
