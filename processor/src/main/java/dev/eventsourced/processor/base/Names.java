package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Locale;

/**
 * Every name the processor derives, in one place, by mechanical rules.
 *
 * <ul>
 *   <li>Generated types take a prefix: the record's simple name, with enclosing types joined by
 *       {@code _} ({@code Outer.Inner} gives {@code Outer_Inner}), or {@code @Collection(name =
 *       ...)}. User-facing types: {@code <prefix>Repository}, {@code <prefix>Draft} and the
 *       metamodel {@code <prefix>_}. Internal ones: {@code <prefix>_Collection} (public, for {@link
 *       java.util.ServiceLoader}), {@code <prefix>_Table} and {@code <prefix>_Codec}.
 *   <li>Columns are the component names in snake_case ({@code createdAt} gives {@code created_at},
 *       {@code HTTPCode} gives {@code http_code}); metamodel constants are the same in upper case
 *       ({@code CREATED_AT}).
 *   <li>The default collection id is the record's simple name in snake_case ({@code TodoItem} gives
 *       {@code todo_item}); the default table name is the collection id; the default index name is
 *       {@code <table>_<column>_..._idx}.
 * </ul>
 *
 * @param record the record type
 * @param prefix the prefix of the generated type names
 */
public record Names(ClassName record, String prefix) {

  /** The names for {@code record}, with the {@code @Collection(name)} override or "". */
  public static Names of(ClassName record, String nameOverride) {
    return new Names(record, nameOverride.isEmpty() ? flatName(record) : nameOverride);
  }

  public String packageName() {
    return record.packageName();
  }

  public ClassName repository() {
    return generated("Repository");
  }

  public ClassName draft() {
    return generated("Draft");
  }

  public ClassName metamodel() {
    return generated("_");
  }

  public ClassName collection() {
    return generated("_Collection");
  }

  public ClassName table() {
    return generated("_Table");
  }

  public ClassName codec() {
    return generated("_Codec");
  }

  private ClassName generated(String suffix) {
    return ClassName.get(packageName(), prefix + suffix);
  }

  /** The simple names of {@code type} and its enclosing types joined by {@code _}. */
  public static String flatName(ClassName type) {
    return String.join("_", type.simpleNames());
  }

  /**
   * {@code camelCase} to {@code snake_case}: an underscore goes before an upper-case letter that
   * follows a lower-case letter or digit, or that starts a word after an acronym ({@code HTTPCode}
   * gives {@code http_code}, {@code userID} gives {@code user_id}).
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        boolean wordStart =
            Character.isLowerCase(previous)
                || Character.isDigit(previous)
                || (Character.isUpperCase(previous) && nextIsLower);
        if (wordStart && previous != '_') out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** {@code createdAt} gives {@code CREATED_AT}. */
  public static String upperSnakeCase(String name) {
    return snakeCase(name).toUpperCase(Locale.ROOT);
  }

  /** The collection id used when {@code @Collection} gives none. */
  public static String defaultCollectionId(ClassName record) {
    return snakeCase(record.simpleName());
  }

  /** The index name used when {@code @Index} gives none. */
  public static String defaultIndexName(String table, List<String> columns) {
    return table + "_" + String.join("_", columns) + "_idx";
  }
}
