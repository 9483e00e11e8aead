package dev.eventsourced.processor.write;

import static dev.eventsourced.processor.write.RuntimeTypes.COLLECTION_DEFINITION;
import static dev.eventsourced.processor.write.RuntimeTypes.EVENTSOURCED_DB;
import static dev.eventsourced.processor.write.RuntimeTypes.NOT_FOUND_EXCEPTION;
import static dev.eventsourced.processor.write.RuntimeTypes.REPOSITORY_BASE;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.model.CollectionModel;
import java.util.function.Consumer;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <prefix>Repository}, the user-facing typed repository: a thin subclass of the
 * runtime's {@code RepositoryBase} with {@code COLLECTION}, {@code of(db)} and a typed {@code
 * update(key, draft -> ...)}.
 */
public final class RepositoryWriter extends SourceWriter {

  @Override
  protected TypeSpec.Builder type(CollectionModel model) {
    ClassName record = model.recordType();
    ClassName repository = model.names().repository();
    ClassName draft = model.names().draft();
    TypeName key = model.key().type().typeName().box();
    NameAllocator names = new NameAllocator();
    String keyName = names.newName(model.key().name());
    String changeName = names.newName("change");
    return TypeSpec.classBuilder(repository)
        .addJavadoc(classJavadoc(model))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(REPOSITORY_BASE, record, key))
        .addField(
            FieldSpec.builder(
                    ParameterizedTypeName.get(COLLECTION_DEFINITION, record, key),
                    "COLLECTION",
                    Modifier.PUBLIC,
                    Modifier.STATIC,
                    Modifier.FINAL)
                .addJavadoc(
                    "The definition of the {@code $L} collection, to register with {@link $T#builder()}.\n",
                    model.collectionId(),
                    EVENTSOURCED_DB)
                .initializer("$T.INSTANCE", model.names().collection())
                .build())
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(EVENTSOURCED_DB, "db")
                .addStatement("super(db, COLLECTION)")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("of")
                .addJavadoc("The repository of {@link $T} rows in {@code db}.\n", record)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(repository)
                .addParameter(EVENTSOURCED_DB, "db")
                .addStatement("return new $T(db)", repository)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("update")
                .addJavadoc(
                    "Changes the named components of the {@link $T} with key {@code $L}: {@code"
                        + " change} sets them on a {@link $T}, and the update event lists them.\n\n"
                        + "@return the updated row\n"
                        + "@throws $T when no row has that key\n",
                    record,
                    keyName,
                    draft,
                    NOT_FOUND_EXCEPTION)
                .addModifiers(Modifier.PUBLIC)
                .returns(record)
                .addParameter(key, keyName)
                .addParameter(
                    ParameterizedTypeName.get(ClassName.get(Consumer.class), draft), changeName)
                .addStatement("return update($N, $T::new, $N)", keyName, draft, changeName)
                .build());
  }

  /** The record's own doc comment (without block tags), then what the class is. */
  private static CodeBlock classJavadoc(CollectionModel model) {
    String description =
        model
            .docComment()
            .lines()
            .takeWhile(line -> !line.strip().startsWith("@"))
            .map(String::strip)
            .reduce((a, b) -> a + "\n" + b)
            .orElse("")
            .strip();
    CodeBlock.Builder javadoc = CodeBlock.builder();
    if (!description.isEmpty()) {
      javadoc.add("$L\n\n<p>", description);
    }
    return javadoc
        .add(
            "The repository of {@link $T} rows: the {@code $L} collection. Every insert, update and"
                + " delete through it is logged as an event in the same transaction.\n",
            model.recordType(),
            model.collectionId())
        .build();
  }
}
