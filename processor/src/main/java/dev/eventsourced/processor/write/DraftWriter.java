package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.DRAFT;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.model.CollectionModel;
import dev.eventsourced.processor.model.ComponentModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <prefix>Draft}: a mutable copy of a row with a fluent setter per non-key component
 * that records which components changed, for {@code Repository.update(key, draft -> ...)}.
 */
public final class DraftWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    ClassName record = model.recordType();
    ClassName draft = model.names().draft();
    NameAllocator names = new NameAllocator();
    model.components().forEach(c -> names.newName(c.name(), c));
    String row = names.newName("row");

    TypeSpec.Builder type =
        TypeSpec.classBuilder(draft)
            .addJavadoc(
                "A mutable copy of a {@link $T} for {@link $T#update}: the setters change components,"
                    + " and the update event lists the ones whose values changed.\n",
                record,
                model.names().repository())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(DRAFT, record));
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addParameter(record, row);
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (ComponentModel component : model.components()) {
      String field = names.get(component);
      TypeName typeName = component.type().typeName();
      type.addField(
          component.key()
              ? FieldSpec.builder(typeName, field, Modifier.PRIVATE, Modifier.FINAL).build()
              : FieldSpec.builder(typeName, field, Modifier.PRIVATE).build());
      constructor.addStatement("this.$N = $N.$L()", field, row, component.name());
      arguments.add(arguments.isEmpty() ? "$N" : ", $N", field);
    }
    type.addMethod(constructor.build());

    for (ComponentModel component : model.components()) {
      String field = names.get(component);
      TypeName typeName = component.type().typeName();
      if (!component.key()) {
        type.addMethod(
            MethodSpec.methodBuilder(component.name())
                .addJavadoc("Sets {@link $T#$L()}.\n", record, component.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(draft)
                .addParameter(typeName, field)
                .addStatement("this.$N = $N", field, field)
                .addStatement("return this")
                .build());
      }
      type.addMethod(
          MethodSpec.methodBuilder(component.name())
              .addJavadoc("The current value of {@link $T#$L()}.\n", record, component.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(typeName)
              .addStatement("return $N", field)
              .build());
    }
    type.addMethod(
        MethodSpec.methodBuilder("build")
            .addJavadoc("A new {@link $T} holding the draft's current values.\n", record)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(record)
            .addStatement("return new $T($L)", record, arguments.build())
            .build());
    return type;
  }
}
