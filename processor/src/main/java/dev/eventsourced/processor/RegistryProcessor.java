package dev.eventsourced.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.eventsourced.annotations.Collection;
import dev.eventsourced.processor.base.Names;
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
 * <p>Options: none.
 */
@AutoService(Processor.class)
public final class RegistryProcessor extends AbstractProcessor {

  private final SortedSet<String> collections = new TreeSet<>();
  private final List<Element> records = new ArrayList<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Collection.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      if (!collections.isEmpty()) write();
      return false;
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
    return false;
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
