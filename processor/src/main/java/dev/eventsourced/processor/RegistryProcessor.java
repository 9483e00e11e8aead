package dev.eventsourced.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.eventsourced.annotations.Collection;
import dev.eventsourced.annotations.Default;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.annotations.Index;
import dev.eventsourced.annotations.Key;
import dev.eventsourced.annotations.Upcast;
import dev.eventsourced.processor.base.Names;
import dev.eventsourced.processor.parse.GeneratedAnnotation;
import dev.eventsourced.processor.validate.Messages;
import dev.eventsourced.processor.write.RegistryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes {@code META-INF/services/dev.eventsourced.db.spi.CollectionDefinition}, listing the {@code
 * _Collection} class of every {@code @Collection} record of the compilation, sorted, when
 * processing is over (as AutoService does). Aggregating (for Gradle): the file depends on all the
 * records.
 *
 * <p>It also claims the annotations of {@code dev.eventsourced.annotations} ({@code @Collection},
 * {@code @Key}, {@code @Index}, {@code @Default}, {@code @Upcast}, and
 * {@code @EventSourcedGenerated} on the generated code) and
 * {@code @javax.annotation.processing.Generated} (on the generated code too, and on other
 * processors'), so that javac's {@code -Xlint:processing} does not warn that no processor claimed
 * them, and a build with {@code -Xlint:all -Werror} passes. javac offers an annotation to the
 * processors in the order they were found and stops offering it once one claims it: {@link
 * CollectionProcessor} comes first in {@code
 * META-INF/services/javax.annotation.processing.Processor} (sorted by name) and never claims, so it
 * sees every record before this processor, which comes last, claims them (a test checks the order).
 *
 * <p>Options: none.
 */
@AutoService(Processor.class)
public final class RegistryProcessor extends AbstractProcessor {

  private final SortedSet<String> collections = new TreeSet<>();
  private final List<Element> records = new ArrayList<>();

  /** The annotations this processor claims: see the class comment. */
  static final Set<String> CLAIMED =
      Set.of(
          Collection.class.getCanonicalName(),
          Key.class.getCanonicalName(),
          Index.class.getCanonicalName(),
          Index.List.class.getCanonicalName(),
          Default.class.getCanonicalName(),
          Upcast.class.getCanonicalName(),
          EventSourcedGenerated.class.getCanonicalName(),
          GeneratedAnnotation.NAME);

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return CLAIMED;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      if (!collections.isEmpty()) write();
      return true;
    }
    for (Element element : round.getElementsAnnotatedWith(Collection.class)) {
      String name = element.getAnnotation(Collection.class).name();
      // Invalid records are reported by CollectionProcessor; the registry just leaves them out.
      if (element.getKind() == ElementKind.RECORD
          && (name.isEmpty() || SourceVersion.isIdentifier(name))) {
        ClassName record = ClassName.get((TypeElement) element);
        collections.add(Names.of(record, name).collection().reflectionName());
        records.add(element);
      }
    }
    return true; // claims: see the class comment
  }

  private void write() {
    try {
      RegistryWriter.write(processingEnv.getFiler(), collections, records.toArray(Element[]::new));
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR, Messages.registryNotWritten(RegistryWriter.SERVICE_FILE, e));
    }
  }
}
