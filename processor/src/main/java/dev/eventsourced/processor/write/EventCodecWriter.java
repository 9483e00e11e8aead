package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.JSON_GENERATOR;
import static dev.eventsourced.processor.write.RuntimeTypes.JSON_PARSER;
import static dev.eventsourced.processor.write.RuntimeTypes.JSON_TOKEN;
import static dev.eventsourced.processor.write.RuntimeTypes.JSON_VALUES;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.base.Field;
import dev.eventsourced.processor.base.NestedRecordModel;
import dev.eventsourced.processor.base.Scalar;
import dev.eventsourced.processor.base.ValueType;
import dev.eventsourced.processor.base.ValueType.ListType;
import dev.eventsourced.processor.base.ValueType.MapType;
import dev.eventsourced.processor.base.ValueType.OptionalType;
import dev.eventsourced.processor.base.ValueType.SetType;
import dev.eventsourced.processor.model.CollectionModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes the package-private {@code <prefix>_Codec}: Jackson streaming code, without reflection,
 * that writes and reads the record as one JSON object (the event payload), and the same for every
 * nested record and every {@code List}, {@code Set} and {@code Map} type used in it (JSON columns).
 * Method names: {@code write}/{@code read} for the collection record, {@code write<Name>}/{@code
 * read<Name>} for the others ({@code writeAddress}, {@code readListOfString}).
 *
 * <p>Lists, sets and maps are read into unmodifiable views of an {@code ArrayList}, a {@code
 * LinkedHashSet} and a {@code LinkedHashMap}: in JSON order, null elements allowed, and rows the
 * runtime hands out cannot be changed in place.
 */
public final class EventCodecWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    ValueCode code = new ValueCode(model);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.names().codec())
            .addModifiers(Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    addRecordMethods(type, code, model.recordType(), model.components());
    for (NestedRecordModel nested : model.nestedRecords()) {
      addRecordMethods(type, code, nested.type(), nested.fields());
    }
    Map<String, ValueType> containers = new TreeMap<>();
    for (Field field : allFields(model)) {
      collectContainers(field.type(), model, containers);
    }
    for (ValueType container : containers.values()) {
      type.addMethod(writeContainer(code, container));
      type.addMethod(readContainer(code, container));
    }
    return type;
  }

  private static List<Field> allFields(CollectionModel model) {
    List<Field> fields = new ArrayList<>(model.components());
    model.nestedRecords().forEach(nested -> fields.addAll(nested.fields()));
    return fields;
  }

  private static void collectContainers(
      ValueType type, CollectionModel model, Map<String, ValueType> containers) {
    if (type instanceof OptionalType optional) {
      collectContainers(optional.element(), model, containers);
    } else if (type instanceof ListType list) {
      containers.put(model.codecName(type), type);
      collectContainers(list.element(), model, containers);
    } else if (type instanceof SetType set) {
      containers.put(model.codecName(type), type);
      collectContainers(set.element(), model, containers);
    } else if (type instanceof MapType map) {
      containers.put(model.codecName(type), type);
      collectContainers(map.value(), model, containers);
    }
  }

  private static void addRecordMethods(
      TypeSpec.Builder type, ValueCode code, ClassName record, List<? extends Field> fields) {
    ValueType recordType = new ValueType.RecordType(record);
    MethodSpec.Builder write =
        writeMethod(code, recordType).addStatement("json.writeStartObject()");
    for (Field field : fields) {
      write
          .addStatement("json.writeFieldName($S)", field.name())
          .addStatement(code.write(field.type(), CodeBlock.of("value.$L()", field.name())));
    }
    type.addMethod(write.addStatement("json.writeEndObject()").build());

    NameAllocator names = new NameAllocator();
    names.newName("json");
    String member = names.newName("field");
    fields.forEach(field -> names.newName(field.name(), field));
    MethodSpec.Builder read =
        readMethod(code, recordType)
            .addStatement("$T.expect(json, $T.START_OBJECT)", JSON_VALUES, JSON_TOKEN);
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (Field field : fields) {
      read.addStatement(
          "$T $N = $L",
          field.type().typeName(),
          names.get(field),
          field
              .defaultValue()
              .map(text -> ValueCode.defaultValue(field.type(), text))
              .orElseGet(() -> ValueCode.missingValue(field.type())));
      arguments.add(arguments.isEmpty() ? "$N" : ", $N", names.get(field));
    }
    read.beginControlFlow("while (json.nextToken() != $T.END_OBJECT)", JSON_TOKEN)
        .addStatement("$T $N = json.currentName()", String.class, member)
        .addStatement("json.nextToken()")
        .beginControlFlow("switch ($N)", member);
    for (Field field : fields) {
      read.addStatement(
          "case $S -> $N = $L", field.name(), names.get(field), code.read(field.type()));
    }
    read.addStatement("default -> json.skipChildren()")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return new $T($L)", record, arguments.build());
    type.addMethod(read.build());
  }

  private static MethodSpec writeContainer(ValueCode code, ValueType type) {
    MethodSpec.Builder method = writeMethod(code, type);
    if (type instanceof MapType map) {
      TypeName entry =
          ParameterizedTypeName.get(
              ClassName.get(Map.Entry.class), map.key().typeName(), map.value().typeName());
      CodeBlock key =
          switch (map.key().scalar()) {
            case STRING -> CodeBlock.of("entry.getKey()");
            case ENUM -> CodeBlock.of("entry.getKey().name()");
            default -> CodeBlock.of("entry.getKey().toString()");
          };
      return method
          .addStatement("json.writeStartObject()")
          .beginControlFlow("for ($T entry : value.entrySet())", entry)
          .addStatement("json.writeFieldName($L)", key)
          .addStatement(code.write(map.value(), CodeBlock.of("entry.getValue()")))
          .endControlFlow()
          .addStatement("json.writeEndObject()")
          .build();
    }
    ValueType element = type instanceof ListType list ? list.element() : ((SetType) type).element();
    return method
        .addStatement("json.writeStartArray()")
        .beginControlFlow("for ($T element : value)", element.typeName())
        .addStatement(code.write(element, CodeBlock.of("element")))
        .endControlFlow()
        .addStatement("json.writeEndArray()")
        .build();
  }

  private static MethodSpec readContainer(ValueCode code, ValueType type) {
    MethodSpec.Builder method = readMethod(code, type);
    if (type instanceof MapType map) {
      CodeBlock key =
          switch (map.key().scalar()) {
            case STRING -> CodeBlock.of("json.currentName()");
            default ->
                CodeBlock.of(
                    "$T.$L(json.currentName())",
                    map.key().typeName(),
                    map.key().scalar() == Scalar.UUID ? "fromString" : "valueOf");
          };
      return method
          .addStatement("$T.expect(json, $T.START_OBJECT)", JSON_VALUES, JSON_TOKEN)
          .addStatement("$T value = new $T<>()", type.typeName(), LinkedHashMap.class)
          .beginControlFlow("while (json.nextToken() != $T.END_OBJECT)", JSON_TOKEN)
          .addStatement("$T key = $L", map.key().typeName(), key)
          .addStatement("json.nextToken()")
          .addStatement("value.put(key, $L)", code.read(map.value()))
          .endControlFlow()
          .addStatement("return $T.unmodifiableMap(value)", Collections.class)
          .build();
    }
    boolean isList = type instanceof ListType;
    ValueType element = isList ? ((ListType) type).element() : ((SetType) type).element();
    return method
        .addStatement("$T.expect(json, $T.START_ARRAY)", JSON_VALUES, JSON_TOKEN)
        .addStatement(
            "$T value = new $T<>()",
            type.typeName(),
            isList ? ArrayList.class : LinkedHashSet.class)
        .beginControlFlow("while (json.nextToken() != $T.END_ARRAY)", JSON_TOKEN)
        .addStatement("value.add($L)", code.read(element))
        .endControlFlow()
        .addStatement(
            "return $T.$L(value)",
            Collections.class,
            isList ? "unmodifiableList" : "unmodifiableSet")
        .build();
  }

  /** {@code static void write<Name>(JsonGenerator json, T value)}, which writes null for null. */
  private static MethodSpec.Builder writeMethod(ValueCode code, ValueType type) {
    return MethodSpec.methodBuilder(code.codecMethod("write", type))
        .addModifiers(Modifier.STATIC)
        .addParameter(JSON_GENERATOR, "json")
        .addParameter(type.typeName(), "value")
        .addException(IOException.class)
        .beginControlFlow("if (value == null)")
        .addStatement("json.writeNull()")
        .addStatement("return")
        .endControlFlow();
  }

  /** {@code static T read<Name>(JsonParser json)}, which reads null for a JSON null. */
  private static MethodSpec.Builder readMethod(ValueCode code, ValueType type) {
    return MethodSpec.methodBuilder(code.codecMethod("read", type))
        .addModifiers(Modifier.STATIC)
        .returns(type.typeName())
        .addParameter(JSON_PARSER, "json")
        .addException(IOException.class)
        .beginControlFlow("if (json.currentToken() == $T.VALUE_NULL)", JSON_TOKEN)
        .addStatement("return null")
        .endControlFlow();
  }
}
