package dev.eventsourced.processor.write;

import com.palantir.javapoet.ClassName;

/**
 * The runtime, SPI and Jackson types generated code refers to, by name: the processor does not
 * depend on the runtime.
 */
final class RuntimeTypes {

  private static final String DB = "dev.eventsourced.db";
  private static final String EVENT = "dev.eventsourced.db.event";
  private static final String EXCEPTION = "dev.eventsourced.db.exception";
  private static final String SPI = "dev.eventsourced.db.spi";
  private static final String JACKSON = "com.fasterxml.jackson.core";

  static final ClassName EVENTSOURCED_DB = ClassName.get(DB, "EventSourcedDb");
  static final ClassName COLUMN = ClassName.get(DB, "Column");
  static final ClassName COMPARABLE_COLUMN = ClassName.get(DB, "ComparableColumn");
  static final ClassName STRING_COLUMN = ClassName.get(DB, "StringColumn");
  static final ClassName LIST_COLUMN = ClassName.get(DB, "ListColumn");
  static final ClassName BOOLEAN_COLUMN = ClassName.get(DB, "BooleanColumn");
  static final ClassName ORIGIN = ClassName.get(EVENT, "Origin");
  static final ClassName NOT_FOUND_EXCEPTION = ClassName.get(EXCEPTION, "NotFoundException");

  static final ClassName COLLECTION_DEFINITION = ClassName.get(SPI, "CollectionDefinition");
  static final ClassName COLUMN_INFO = ClassName.get(SPI, "ColumnInfo");
  static final ClassName COLUMN_TYPE = ClassName.get(SPI, "ColumnType");
  static final ClassName DRAFT = ClassName.get(SPI, "Draft");
  static final ClassName REPOSITORY_BASE = ClassName.get(DB, "RepositoryBase");
  static final ClassName SQL_VALUES = ClassName.get(SPI, "SqlValues");
  static final ClassName JSON_VALUES = ClassName.get(SPI, "JsonValues");

  static final ClassName JSON_GENERATOR = ClassName.get(JACKSON, "JsonGenerator");
  static final ClassName JSON_PARSER = ClassName.get(JACKSON, "JsonParser");
  static final ClassName JSON_TOKEN = ClassName.get(JACKSON, "JsonToken");

  private RuntimeTypes() {}
}
