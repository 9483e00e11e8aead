package dev.eventsourced.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.eventsourced.processor.model.CollectionModel;

/**
 * The base of the writers, one per generated type. It owns what every generated file shares: the
 * record's package, {@code @EventSourcedGenerated} and, when the record's module can see it, {@code
 * @javax.annotation.processing.Generated} (never needed at run time), the record as the one
 * originating element (isolating), a 4-space indent and no {@code java.lang} imports. No
 * timestamps: the same model always gives the same text.
 */
public abstract class SourceWriter {

  /** The processor named in {@code @Generated}. */
  public static final String PROCESSOR = "dev.eventsourced.processor.CollectionProcessor";

  static final String DOCS_URL = "https://eventsourced.dev";

  private static final AnnotationSpec GENERATED =
      AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", PROCESSOR)
          .addMember("comments", "$S", DOCS_URL)
          .build();

  private static final ClassName EVENTSOURCED_GENERATED =
      ClassName.get("dev.eventsourced.annotations", "EventSourcedGenerated");

  /** The generated type, without the annotations and originating element every file gets. */
  protected abstract TypeSpec.Builder type(CollectionModel model);

  public final JavaFile toJavaFile(CollectionModel model) {
    TypeSpec.Builder builder = type(model);
    if (model.generatedAnnotation()) builder.addAnnotation(GENERATED);
    TypeSpec type =
        builder
            .addAnnotation(EVENTSOURCED_GENERATED)
            .addOriginatingElement(model.element())
            .build();
    return JavaFile.builder(model.names().packageName(), type)
        .indent("    ")
        .skipJavaLangImports(true)
        .build();
  }
}
