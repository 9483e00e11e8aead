package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.COLLECTION_DEFINITION;
import static dev.eventsourced.processor.write.RuntimeTypes.COLUMN_INFO;
import static dev.eventsourced.processor.write.RuntimeTypes.JSON_GENERATOR;
import static dev.eventsourced.processor.write.RuntimeTypes.JSON_PARSER;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.base.Scalar;
import dev.eventsourced.processor.base.ValueType.ScalarType;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.ComponentModel;
import dev.eventsourced.processor.model.UpcastModel;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <prefix>_Collection}, the record's {@code CollectionDefinition}: names, DDL, key
 * conversions, binding and reading one row, component values and a new row from them (direct
 * accessor and constructor calls), and the payload codec. It is also the replay handler: the
 * runtime applies a replayed event generically through {@code readPayload}, {@code columnIndex} and
 * {@code bindColumn}. Public because {@link java.util.ServiceLoader} instantiates it from {@code
 * META-INF/services}.
 */
public final class CollectionWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    ClassName record = model.recordType();
    ClassName self = model.names().collection();
    ComponentModel key = model.key();
    TypeName keyType = key.type().typeName().box();
    ValueCode code = new ValueCode(model);
    return TypeSpec.classBuilder(self)
        .addJavadoc(
            "The {@code $L} collection of {@link $T} records, as the runtime sees it. Generated; not for"
                + " hand use: use {@link $T#COLLECTION}.\n",
            model.collectionId(),
            record,
            model.names().repository())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(COLLECTION_DEFINITION, record, keyType))
        .addField(
            FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The one instance.\n")
                .initializer("new $T()", self)
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addJavadoc("For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.\n")
                .addModifiers(Modifier.PUBLIC)
                .build())
        .addMethod(getter("collectionId", String.class, CodeBlock.of("$S", model.collectionId())))
        .addMethod(getter("tableName", String.class, CodeBlock.of("$S", model.tableName())))
        .addMethod(
            override("recordType", ParameterizedTypeName.get(ClassName.get(Class.class), record))
                .addStatement("return $T.class", record)
                .build())
        .addMethod(getter("schemaVersion", int.class, CodeBlock.of("$L", model.schemaVersion())))
        .addMethods(evolution(model))
        .addMethod(
            override("ddl", ParameterizedTypeName.get(List.class, String.class))
                .addStatement("return $T.DDL", model.names().table())
                .build())
        .addMethod(
            getter(
                "fingerprint", String.class, CodeBlock.of("$T.FINGERPRINT", model.names().table())))
        .addMethod(
            override("columns", ParameterizedTypeName.get(ClassName.get(List.class), COLUMN_INFO))
                .addStatement("return $T.COLUMNS", model.names().table())
                .build())
        .addMethod(getter("keyColumn", int.class, CodeBlock.of("$L", key.index())))
        .addMethod(columnIndex(model))
        .addMethod(
            override("keyOf", keyType)
                .addParameter(record, "row")
                .addStatement("return row.$L()", key.name())
                .build())
        .addMethod(keyToString(key, keyType))
        .addMethod(keyFromString(model, key, keyType))
        .addMethod(
            getter(
                "numericKey",
                boolean.class,
                CodeBlock.of(
                    "$L",
                    key.type() instanceof ScalarType s
                        && (s.scalar() == Scalar.INT || s.scalar() == Scalar.LONG))))
        .addMethod(
            override("bindKey", TypeName.VOID)
                .addParameter(PreparedStatement.class, "statement")
                .addParameter(int.class, "parameterIndex")
                .addParameter(keyType, "key")
                .addException(SQLException.class)
                .addStatement(
                    code.bind(
                        new ScalarType(((ScalarType) key.type()).scalar(), keyType),
                        CodeBlock.of("key")))
                .build())
        .addMethod(bindColumn(model, code))
        .addMethod(readRow(model, code))
        .addMethod(componentValue(model))
        .addMethod(newRow(model))
        .addMethod(
            override("writePayload", TypeName.VOID)
                .addParameter(JSON_GENERATOR, "json")
                .addParameter(record, "row")
                .addException(IOException.class)
                .addStatement("$T.write(json, row)", model.names().codec())
                .build())
        .addMethod(
            override("readPayload", record)
                .addParameter(JSON_PARSER, "json")
                .addException(IOException.class)
                .addStatement("return $T.read(json)", model.names().codec())
                .build());
  }

  /**
   * {@code synced()} when the collection is local-only, and {@code lastUpcastVersion()} and {@code
   * upcast(..)} when the record has upcasters: the SPI's defaults cover the other collections.
   */
  private static List<MethodSpec> evolution(CollectionModel model) {
    List<MethodSpec> methods = new ArrayList<>();
    if (!model.synced()) {
      methods.add(getter("synced", boolean.class, CodeBlock.of("false")));
    }
    if (!model.upcasts().isEmpty()) {
      int last = model.upcasts().get(model.upcasts().size() - 1).fromVersion();
      methods.add(getter("lastUpcastVersion", int.class, CodeBlock.of("$L", last)));
      TypeName payload = ParameterizedTypeName.get(Map.class, String.class, Object.class);
      CodeBlock.Builder cases = CodeBlock.builder().add("return switch (fromVersion) {\n").indent();
      for (UpcastModel upcast : model.upcasts()) {
        cases.add(
            "case $L -> $T.$L(payload);\n",
            upcast.fromVersion(),
            model.recordType(),
            upcast.method());
      }
      cases.add("default -> payload;\n").unindent().add("};\n");
      methods.add(
          override("upcast", payload)
              .addParameter(int.class, "fromVersion")
              .addParameter(payload, "payload")
              .addCode(cases.build())
              .build());
    }
    return methods;
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static MethodSpec getter(String name, Class<?> returns, CodeBlock value) {
    return override(name, TypeName.get(returns)).addStatement("return $L", value).build();
  }

  private static MethodSpec columnIndex(CollectionModel model) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (component) {\n").indent();
    for (ComponentModel component : model.components()) {
      cases.add("case $S -> $L;\n", component.name(), component.index());
    }
    cases.add("default -> -1;\n").unindent().add("};\n");
    return override("columnIndex", TypeName.INT)
        .addParameter(String.class, "component")
        .addCode(cases.build())
        .build();
  }

  private static MethodSpec keyToString(ComponentModel key, TypeName keyType) {
    CodeBlock value =
        switch (((ScalarType) key.type()).scalar()) {
          case STRING -> CodeBlock.of("key");
          case ENUM -> CodeBlock.of("key.name()");
          default -> CodeBlock.of("key.toString()");
        };
    return override("keyToString", TypeName.get(String.class))
        .addParameter(keyType, "key")
        .addStatement("return $L", value)
        .build();
  }

  private static MethodSpec keyFromString(
      CollectionModel model, ComponentModel key, TypeName keyType) {
    MethodSpec.Builder method =
        override("keyFromString", keyType).addParameter(String.class, "key");
    String invalid = "' is not a key of collection " + model.collectionId() + ": expected ";
    switch (((ScalarType) key.type()).scalar()) {
      case STRING ->
          method
              .beginControlFlow("if (key == null)")
              .addStatement(
                  "throw new $T($S)",
                  IllegalArgumentException.class,
                  "null is not a key of collection " + model.collectionId())
              .endControlFlow()
              .addStatement("return key");
      case UUID ->
          method
              .beginControlFlow("try")
              .addStatement("$T parsed = $T.fromString(key)", keyType, keyType)
              .beginControlFlow("if (parsed.toString().equalsIgnoreCase(key))")
              .addStatement("return parsed")
              .endControlFlow()
              .nextControlFlow("catch ($T e)", RuntimeException.class)
              .addComment("not a UUID: reported below")
              .endControlFlow()
              .addStatement(
                  "throw new $T($S + key + $S)",
                  IllegalArgumentException.class,
                  "'",
                  invalid + "a UUID in canonical form, e.g. 123e4567-e89b-12d3-a456-426614174000");
      default -> {
        String expected =
            switch (((ScalarType) key.type()).scalar()) {
              case INT -> "a decimal int";
              case LONG -> "a decimal long";
              default -> "a constant name of " + keyType;
            };
        method
            .beginControlFlow("try")
            .addStatement("return $T.valueOf(key)", keyType)
            .nextControlFlow("catch ($T e)", RuntimeException.class)
            .addStatement(
                "throw new $T($S + key + $S, e)",
                IllegalArgumentException.class,
                "'",
                invalid + expected)
            .endControlFlow();
      }
    }
    return method.build();
  }

  /** Component values by position, without the runtime's reflective fallback. */
  private static MethodSpec componentValue(CollectionModel model) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (column) {\n").indent();
    for (ComponentModel component : model.components()) {
      cases.add("case $L -> row.$L();\n", component.index(), component.name());
    }
    cases.add(
        "default -> throw new $T(\"column \" + column + \" of $L, which has $L columns\");\n",
        IndexOutOfBoundsException.class,
        model.collectionId(),
        model.components().size());
    cases.unindent().add("};\n");
    return override("componentValue", TypeName.get(Object.class))
        .addParameter(model.recordType(), "row")
        .addParameter(int.class, "column")
        .addCode(cases.build())
        .build();
  }

  /**
   * The canonical constructor called with {@code values} cast to the component types (unboxed for
   * primitives), without the runtime's reflective fallback. Suppresses "unchecked" only when a
   * component type is generic.
   */
  private static MethodSpec newRow(CollectionModel model) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    boolean generic = false;
    for (ComponentModel component : model.components()) {
      TypeName type = component.type().typeName();
      generic |= type instanceof ParameterizedTypeName;
      arguments.add(
          component.index() == 0 ? "\n($T) values[$L]" : ",\n($T) values[$L]",
          type,
          component.index());
    }
    MethodSpec.Builder method = override("newRow", model.recordType());
    if (generic) {
      method.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "$S", "unchecked")
              .build());
    }
    return method
        .addParameter(Object[].class, "values")
        .addStatement("return new $T($L)", model.recordType(), arguments.build())
        .build();
  }

  private static MethodSpec bindColumn(CollectionModel model, ValueCode code) {
    CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (column)");
    for (ComponentModel component : model.components()) {
      cases.addStatement(
          "case $L -> $L",
          component.index(),
          code.bind(component.type(), CodeBlock.of("row.$L()", component.name())));
    }
    cases.addStatement(
        "default -> throw new $T(\"column \" + column + \" of $L, which has $L columns\")",
        IndexOutOfBoundsException.class,
        model.collectionId(),
        model.components().size());
    cases.endControlFlow();
    return override("bindColumn", TypeName.VOID)
        .addParameter(PreparedStatement.class, "statement")
        .addParameter(int.class, "parameterIndex")
        .addParameter(model.recordType(), "row")
        .addParameter(int.class, "column")
        .addException(SQLException.class)
        .addCode(cases.build())
        .build();
  }

  private static MethodSpec readRow(CollectionModel model, ValueCode code) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (ComponentModel component : model.components()) {
      CodeBlock column =
          component.index() == 0
              ? CodeBlock.of("firstColumn")
              : CodeBlock.of("firstColumn + $L", component.index());
      arguments.add(component.index() == 0 ? "\n$L" : ",\n$L", code.read(component.type(), column));
    }
    return override("readRow", model.recordType())
        .addParameter(ResultSet.class, "resultSet")
        .addParameter(int.class, "firstColumn")
        .addException(SQLException.class)
        .addStatement("return new $T($L)", model.recordType(), arguments.build())
        .build();
  }
}
