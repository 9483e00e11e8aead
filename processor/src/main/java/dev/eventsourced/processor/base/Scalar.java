package dev.eventsourced.processor.base;

/** The supported single-value component types; primitives and their boxes share a constant. */
public enum Scalar {
  STRING(ColumnKind.STRING, "String"),
  BOOLEAN(ColumnKind.BOOLEAN, "Boolean"),
  BYTE(ColumnKind.INTEGER, "Byte"),
  SHORT(ColumnKind.INTEGER, "Short"),
  INT(ColumnKind.INTEGER, "Integer"),
  LONG(ColumnKind.INTEGER, "Long"),
  FLOAT(ColumnKind.REAL, "Float"),
  DOUBLE(ColumnKind.REAL, "Double"),
  CHAR(ColumnKind.CHAR, "Character"),
  ENUM(ColumnKind.ENUM, null),
  UUID(ColumnKind.UUID, "Uuid"),
  INSTANT(ColumnKind.INSTANT, "Instant"),
  LOCAL_DATE(ColumnKind.LOCAL_DATE, "LocalDate"),
  BIG_DECIMAL(ColumnKind.BIG_DECIMAL, "BigDecimal"),
  BYTES(ColumnKind.BYTES, "Bytes");

  private final ColumnKind columnKind;
  private final String codecName;

  Scalar(ColumnKind columnKind, String codecName) {
    this.columnKind = columnKind;
    this.codecName = codecName;
  }

  public ColumnKind columnKind() {
    return columnKind;
  }

  /**
   * The name this type contributes to generated codec method names ({@code writeListOfString});
   * {@code null} for enums, which are named after their class.
   */
  public String codecName() {
    return codecName;
  }

  /**
   * Whether a component of this type may be the {@code @Key}; the same types may be the keys of a
   * {@code Map} component (JSON object member names).
   */
  public boolean isKeyType() {
    return this == STRING || this == UUID || this == INT || this == LONG || this == ENUM;
  }
}
