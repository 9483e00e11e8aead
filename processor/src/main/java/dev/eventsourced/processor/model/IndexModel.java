package dev.eventsourced.processor.model;

import java.util.List;

/** An SQLite index over one or more columns, by column name. */
public record IndexModel(String name, boolean unique, List<String> columns) {

  public IndexModel {
    columns = List.copyOf(columns);
  }
}
