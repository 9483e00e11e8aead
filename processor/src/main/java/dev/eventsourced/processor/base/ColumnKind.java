package dev.eventsourced.processor.base;

/**
 * How a component is stored: the processor's copy of the runtime's {@code
 * dev.eventsourced.db.spi.ColumnType} (the processor does not depend on the runtime). Generated
 * code names the runtime constant of the same name; a test pins that both enums agree.
 */
public enum ColumnKind {
  STRING("TEXT"),
  CHAR("TEXT"),
  BOOLEAN("INTEGER"),
  INTEGER("INTEGER"),
  REAL("REAL"),
  ENUM("TEXT"),
  UUID("TEXT"),
  INSTANT("INTEGER"),
  LOCAL_DATE("TEXT"),
  BIG_DECIMAL("TEXT"),
  BYTES("BLOB"),
  JSON("TEXT");

  private final String sqlType;

  ColumnKind(String sqlType) {
    this.sqlType = sqlType;
  }

  /** The SQLite column type used in the DDL. */
  public String sqlType() {
    return sqlType;
  }
}
