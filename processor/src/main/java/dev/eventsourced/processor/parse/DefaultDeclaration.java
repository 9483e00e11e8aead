package dev.eventsourced.processor.parse;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * A {@code @Default} as written, possibly invalid.
 *
 * @param text {@code value}, the default in text form
 * @param annotation the {@code @Default} annotation
 * @param source its {@code value}, where a diagnostic about the text goes
 */
public record DefaultDeclaration(
    String text, AnnotationMirror annotation, AnnotationValue source) {}
