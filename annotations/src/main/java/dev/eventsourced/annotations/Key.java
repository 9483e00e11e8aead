package dev.eventsourced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that identifies a row: the table's primary key and the {@code key} of
 * every event about the row. Exactly one component of a {@link Collection} record carries it.
 * Supported key types: {@code String}, {@code UUID}, {@code int}/{@code Integer}, {@code
 * long}/{@code Long} and enums. A key never changes: to "rename" a row, delete it and insert a new
 * one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {}
