package dev.eventsourced.processor.write;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SortedSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/services/dev.eventsourced.db.spi.CollectionDefinition}: the generated
 * {@code _Collection} classes of the compilation, one per line, sorted, so that the runtime can
 * discover them with {@link java.util.ServiceLoader}.
 */
public final class RegistryWriter {

  public static final String SERVICE_FILE =
      "META-INF/services/dev.eventsourced.db.spi.CollectionDefinition";

  private RegistryWriter() {}

  public static void write(
      Filer filer, SortedSet<String> collectionClasses, Element... originatingElements)
      throws IOException {
    FileObject file =
        filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICE_FILE, originatingElements);
    try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String name : collectionClasses) {
        out.write(name);
        out.write('\n');
      }
    }
  }
}
