package dev.eventsourced.processor.base;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * The shape of a supported component (or nested record component, or collection element) type, as
 * plain data: what writers need to bind, read, encode and decode it.
 */
public sealed interface ValueType {

  /** The Java type as declared, e.g. {@code long} or {@code java.util.List<java.lang.String>}. */
  TypeName typeName();

  /** How a component of this type is stored. */
  ColumnKind columnKind();

  /** The column value type of the metamodel: boxed, and unwrapped for {@code Optional}. */
  default TypeName valueTypeName() {
    return typeName().box();
  }

  /** A single value: {@code String}, a primitive or box, an enum, {@code UUID}, ... */
  record ScalarType(Scalar scalar, TypeName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return scalar.columnKind();
    }

    public boolean isPrimitive() {
      return typeName.isPrimitive();
    }
  }

  /** {@code Optional<X>} of a supported non-{@code Optional} X: a nullable X column. */
  record OptionalType(ValueType element, TypeName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return element.columnKind();
    }

    @Override
    public TypeName valueTypeName() {
      return element.valueTypeName();
    }
  }

  /** {@code List<X>}: a JSON array, read into an unmodifiable {@code ArrayList}. */
  record ListType(ValueType element, TypeName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return ColumnKind.JSON;
    }
  }

  /** {@code Set<X>}: a JSON array, read into an unmodifiable {@code LinkedHashSet}. */
  record SetType(ValueType element, TypeName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return ColumnKind.JSON;
    }
  }

  /**
   * {@code Map<K, V>}: a JSON object, keys as member names, read into an unmodifiable {@code
   * LinkedHashMap}.
   */
  record MapType(ScalarType key, ValueType value, TypeName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return ColumnKind.JSON;
    }
  }

  /** A nested record: a JSON object whose members are its components. */
  record RecordType(ClassName typeName) implements ValueType {
    @Override
    public ColumnKind columnKind() {
      return ColumnKind.JSON;
    }
  }
}
