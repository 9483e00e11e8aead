package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.COLUMN_INFO;
import static dev.eventsourced.processor.write.RuntimeTypes.COLUMN_TYPE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.ComponentModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the package-private {@code <prefix>_Table}: the table's columns, its DDL (computed at
 * compile time) and the schema fingerprint (see {@link CollectionModel}).
 */
public final class TableWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    CodeBlock.Builder ddl = CodeBlock.builder().add("$T.of(", List.class).indent();
    for (int i = 0; i < model.ddl().size(); i++) {
      ddl.add(i == 0 ? "\n$S" : ",\n$S", model.ddl().get(i));
    }
    ddl.unindent().add(")");
    CodeBlock.Builder columns = CodeBlock.builder().add("$T.of(", List.class).indent();
    for (ComponentModel component : model.components()) {
      columns.add(
          component.index() == 0
              ? "\nnew $T($S, $S, $T.$L, $L, $L)"
              : ",\nnew $T($S, $S, $T.$L, $L, $L)",
          COLUMN_INFO,
          component.name(),
          component.column(),
          COLUMN_TYPE,
          component.type().columnKind(),
          component.nullable(),
          component.key());
    }
    columns.unindent().add(")");
    ClassName string = ClassName.get(String.class);
    return TypeSpec.classBuilder(model.names().table())
        .addModifiers(Modifier.FINAL)
        .addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(ClassName.get(List.class), COLUMN_INFO),
                    "COLUMNS",
                    Modifier.STATIC,
                    Modifier.FINAL)
                .initializer(columns.build())
                .build())
        .addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(ClassName.get(List.class), string),
                    "DDL",
                    Modifier.STATIC,
                    Modifier.FINAL)
                .initializer(ddl.build())
                .build())
        .addField(
            FieldSpec.builder(string, "FINGERPRINT", Modifier.STATIC, Modifier.FINAL)
                .initializer("$S", model.fingerprint())
                .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }
}
