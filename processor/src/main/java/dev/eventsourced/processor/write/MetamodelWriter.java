package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.BOOLEAN_COLUMN;
import static dev.eventsourced.processor.write.RuntimeTypes.COLUMN;
import static dev.eventsourced.processor.write.RuntimeTypes.COLUMN_TYPE;
import static dev.eventsourced.processor.write.RuntimeTypes.COMPARABLE_COLUMN;
import static dev.eventsourced.processor.write.RuntimeTypes.LIST_COLUMN;
import static dev.eventsourced.processor.write.RuntimeTypes.ORIGIN;
import static dev.eventsourced.processor.write.RuntimeTypes.STRING_COLUMN;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.base.ColumnKind;
import dev.eventsourced.processor.base.ValueType;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.ComponentModel;
import javax.lang.model.element.Modifier;

/**
 * Writes the metamodel {@code <prefix>_}: one typed column constant per component, for query
 * conditions and orderings, plus the virtual columns {@code SYNCED} and {@code ORIGIN}.
 */
public final class MetamodelWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    ClassName record = model.recordType();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.names().metamodel())
            .addJavadoc(
                "The columns of {@link $T}, for queries: {@code $T.query().where(...)}.\n",
                record,
                model.names().repository())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    for (ComponentModel component : model.components()) {
      type.addField(column(record, component));
    }
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(BOOLEAN_COLUMN, record),
                "SYNCED",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(
                "True when no pending local event touches the row: it is in sync with the server.\n")
            .initializer("$T.synced()", COLUMN)
            .build());
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(COLUMN, record, ORIGIN),
                "ORIGIN",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("Who wrote the row's visible value: this database or a pulled event.\n")
            .initializer("$T.origin()", COLUMN)
            .build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    return type;
  }

  private static FieldSpec column(ClassName record, ComponentModel component) {
    ValueType type = component.type();
    ColumnKind kind = type.columnKind();
    TypeName value = type.valueTypeName();
    CodeBlock getter =
        type instanceof ValueType.OptionalType
            ? CodeBlock.of("row -> row.$L().orElse(null)", component.name())
            : CodeBlock.of("$T::$L", record, component.name());
    TypeName columnType;
    CodeBlock initializer;
    if (kind == ColumnKind.STRING || kind == ColumnKind.BOOLEAN) {
      columnType =
          ParameterizedTypeName.get(
              kind == ColumnKind.STRING ? STRING_COLUMN : BOOLEAN_COLUMN, record);
      initializer =
          CodeBlock.of(
              "new $T<>($S, $S, $L)",
              kind == ColumnKind.STRING ? STRING_COLUMN : BOOLEAN_COLUMN,
              component.name(),
              component.column(),
              getter);
    } else if (scalarElements(type) != null) {
      columnType =
          ParameterizedTypeName.get(
              LIST_COLUMN, record, value, scalarElements(type).valueTypeName());
      initializer =
          CodeBlock.of(
              "new $T<>($S, $S, $L)", LIST_COLUMN, component.name(), component.column(), getter);
    } else {
      ClassName raw = isComparable(kind) ? COMPARABLE_COLUMN : COLUMN;
      columnType = ParameterizedTypeName.get(raw, record, value);
      initializer =
          CodeBlock.of(
              "new $T<>($S, $S, $T.$L, $L)",
              raw,
              component.name(),
              component.column(),
              COLUMN_TYPE,
              kind,
              getter);
    }
    return FieldSpec.builder(
            columnType, component.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "The {@code $L} column, {@link $T#$L()}.\n",
            component.column(),
            record,
            component.name())
        .initializer(initializer)
        .build();
  }

  /** The element type of a {@code List} or {@code Set} of scalars, else {@code null}. */
  private static ValueType scalarElements(ValueType type) {
    ValueType element =
        type instanceof ValueType.ListType list
            ? list.element()
            : type instanceof ValueType.SetType set ? set.element() : null;
    return element instanceof ValueType.ScalarType ? element : null;
  }

  private static boolean isComparable(ColumnKind kind) {
    return switch (kind) {
      case CHAR, INTEGER, REAL, UUID, INSTANT, LOCAL_DATE, BIG_DECIMAL -> true;
      default -> false;
    };
  }
}
