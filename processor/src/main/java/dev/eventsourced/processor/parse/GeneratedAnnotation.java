package dev.eventsourced.processor.parse;

import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Whether the code generated next to a record may carry {@code @javax.annotation.processing
 * .Generated}. That annotation lives in the {@code java.compiler} module: a record in the unnamed
 * module (class path) sees it whenever the JDK has it; a record in a named module would see it only
 * if its module read {@code java.compiler}, so there the generated code carries only
 * {@code @EventSourcedGenerated}, and a modular app needs no {@code requires java.compiler}. (The
 * annotation has source retention: it is never needed at run time either way.)
 *
 * <p>The module's {@code requires} are deliberately not read: on JDK 17 to 20, asking for the
 * directives of the module being compiled breaks its {@code provides ... with} of a class generated
 * later in the same compilation (JDK-8305225, fixed in JDK 21), which is exactly how a modular app
 * declares its collections.
 */
public final class GeneratedAnnotation {

  /** The annotation's qualified name. */
  public static final String NAME = "javax.annotation.processing.Generated";

  private GeneratedAnnotation() {}

  /** Whether code generated in {@code record}'s package can use {@link #NAME}. */
  public static boolean visibleFrom(Elements elements, TypeElement record) {
    ModuleElement module = elements.getModuleOf(record);
    return (module == null || module.isUnnamed()) && elements.getTypeElement(NAME) != null;
  }
}
