package dev.eventsourced.processor.validate;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * The errors found about one record, each on the most specific element (and annotation and
 * annotation value, when the fault is an attribute). Printing moves errors on a record component to
 * the component's private field: javac 17 gives a diagnostic on a {@code RecordComponentElement} no
 * source position, while the field (same name, same declaration in the record header) has the
 * component's line.
 */
public final class ValidationReport {

  /** One error. {@code annotation} and {@code value} may be null. */
  public record Item(
      String message, Element element, AnnotationMirror annotation, AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();

  public void error(String message, Element element) {
    error(message, element, null, null);
  }

  public void error(String message, Element element, AnnotationMirror annotation) {
    error(message, element, annotation, null);
  }

  public void error(
      String message, Element element, AnnotationMirror annotation, AnnotationValue value) {
    items.add(new Item(message, element, annotation, value));
  }

  public boolean isClean() {
    return items.isEmpty();
  }

  public void printTo(Messager messager) {
    for (Item item : items) {
      Element element = positioned(item.element());
      if (item.annotation() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), element);
      } else if (item.value() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, item.message(), element, item.annotation());
      } else {
        messager.printMessage(
            Diagnostic.Kind.ERROR, item.message(), element, item.annotation(), item.value());
      }
    }
  }

  /** The element whose source position javac reports for {@code element}. */
  static Element positioned(Element element) {
    if (element.getKind() != ElementKind.RECORD_COMPONENT) {
      return element;
    }
    for (VariableElement field :
        ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(element.getSimpleName())) {
        return field;
      }
    }
    return element;
  }
}
