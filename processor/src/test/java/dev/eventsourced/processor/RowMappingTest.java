package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated {@code CollectionDefinition}s against a real SQLite file, through the SPI and plain
 * JDBC only: DDL, binding every column of a row, reading it back.
 */
class RowMappingTest {

  private static final GeneratedClasses classes = Fixtures.compiled();
  private static final AllTypesRows rows = new AllTypesRows(classes);

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.sqlite"));
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void ddl_createsTableAndIndexesIdempotently() throws SQLException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    createTable(definition);
    createTable(definition);
    try (Statement statement = connection.createStatement();
        ResultSet indexes =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AllTypes' AND sql IS NOT NULL ORDER BY name")) {
      assertThat(indexes.next()).isTrue();
      assertThat(indexes.getString(1)).isEqualTo("AllTypes_order_idx");
      assertThat(indexes.next()).isTrue();
      assertThat(indexes.getString(1)).isEqualTo("all_types_text_count");
    }
  }

  @Test
  void rowWithNulls_roundTrips() throws SQLException {
    assertRoundTrip(rows.definition(), rows.nulls());
  }

  @Test
  void rowWithExtremes_roundTrips() throws SQLException {
    assertRoundTrip(rows.definition(), rows.extremes());
  }

  @Test
  void rowWithUnicodeAndNestedJson_roundTrips() throws SQLException {
    assertRoundTrip(rows.definition(), rows.unicodeAndNesting());
  }

  @Test
  void jsonColumns_storeTheirPayloadEncoding() throws SQLException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    createTable(definition);
    insert(definition, rows.unicodeAndNesting());
    try (Statement statement = connection.createStatement();
        ResultSet resultSet =
            statement.executeQuery(
                "SELECT \"tags\", \"by_int\", \"at\", \"day\", \"level\" FROM \"AllTypes\"")) {
      resultSet.next();
      assertThat(resultSet.getString(1)).isEqualTo("[\"a\",null,\"😀\"]");
      assertThat(resultSet.getString(2)).isEqualTo("{\"-2147483648\":\"min\",\"0\":\"zero\"}");
      assertThat(resultSet.getLong(3)).isEqualTo(1_700_000_000_123L);
      assertThat(resultSet.getString(4)).isEqualTo(LocalDate.MAX.toString());
      assertThat(resultSet.getString(5)).isEqualTo("HIGH");
    }
  }

  @Test
  void jsonColumns_readIntoUnmodifiableCollectionsAtEveryDepth_inOrderWithNulls()
      throws SQLException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    createTable(definition);
    insert(definition, rows.unicodeAndNesting());
    Record read = select(definition, definition.keyOf(rows.unicodeAndNesting()));
    assertThat(AllTypesRows.assertUnmodifiableCollections(read))
        .isEqualTo(AllTypesRows.UNICODE_AND_NESTING_COLLECTIONS);
    AllTypesRows.assertEqualRecords(read, rows.unicodeAndNesting());
    rows.assertUnicodeAndNestingOrder(read);
  }

  @Test
  void infinities_inRealColumns_roundTrip() throws SQLException {
    Record row =
        rows.withDoubles(
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertRoundTrip(rows.definition(), row);
  }

  /**
   * SQLite stores an integral REAL as an integer: -0.0 reads back as 0.0 (see FloatingPointTest).
   */
  @Test
  void negativeZero_inRealColumn_readsAsPositiveZero() throws SQLException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    createTable(definition);
    insert(definition, rows.withDoubles(-0.0, -0.0, -0.0));
    Record read = select(definition, "doubles");
    AllTypesRows.assertEqualRecords(read, rows.withDoubles(0.0, 0.0, 0.0));
  }

  /** SQLite would store a NaN REAL as NULL; the generated code keeps it as the text 'NaN'. */
  @Test
  void doubleNaN_inRealColumns_roundTrips() throws SQLException {
    assertRoundTrip(rows.definition(), rows.withDoubles(Double.NaN, Float.NaN, Double.NaN));
  }

  @Test
  void keys_bindAndReadBackForEveryKeyType() throws SQLException {
    for (KeyCase key : KeyCase.all(classes)) {
      createTable(key.definition());
      insert(key.definition(), key.row());
      Record read = select(key.definition(), key.value());
      assertThat(read).as(key.name()).isEqualTo(key.row());
    }
  }

  @Test
  void columns_describeComponentsInOrder() {
    List<ColumnInfo> columns = rows.definition().columns();
    assertThat(columns).hasSize(38);
    assertThat(columns.get(0))
        .isEqualTo(
            new ColumnInfo("id", "id", dev.eventsourced.db.spi.ColumnType.STRING, false, true));
    assertThat(columns.get(2))
        .isEqualTo(
            new ColumnInfo(
                "flag", "flag", dev.eventsourced.db.spi.ColumnType.BOOLEAN, false, false));
    assertThat(columns.get(25))
        .isEqualTo(
            new ColumnInfo(
                "maybeCount",
                "maybe_count",
                dev.eventsourced.db.spi.ColumnType.INTEGER,
                true,
                false));
    assertThat(columns.get(33))
        .isEqualTo(
            new ColumnInfo(
                "pointsByLevel",
                "points_by_level",
                dev.eventsourced.db.spi.ColumnType.JSON,
                true,
                false));
    assertThat(rows.definition().keyColumn()).isZero();
  }

  @Test
  void columnIndex_findsComponentsByNameOnly() {
    CollectionDefinition<Record, Object> definition = rows.definition();
    assertThat(definition.columnIndex("id")).isZero();
    assertThat(definition.columnIndex("maybeCount")).isEqualTo(25);
    assertThat(definition.columnIndex("order")).isEqualTo(37);
    assertThat(definition.columnIndex("maybe_count")).isEqualTo(-1);
    assertThat(definition.columnIndex("nope")).isEqualTo(-1);
  }

  @Test
  void bindColumn_outOfRange_throws() throws SQLException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    createTable(definition);
    try (PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
      assertThatThrownBy(() -> definition.bindColumn(statement, 1, rows.nulls(), 38))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("column 38 of all_types, which has 38 columns");
    }
  }

  private void assertRoundTrip(CollectionDefinition<Record, Object> definition, Record row)
      throws SQLException {
    createTable(definition);
    insert(definition, row);
    Record read = select(definition, definition.keyOf(row));
    AllTypesRows.assertEqualRecords(read, row);
  }

  private void createTable(CollectionDefinition<?, ?> definition) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : definition.ddl()) statement.execute(ddl);
    }
  }

  private static String columnList(CollectionDefinition<?, ?> definition) {
    return definition.columns().stream()
        .map(c -> '"' + c.column() + '"')
        .collect(Collectors.joining(", "));
  }

  private void insert(CollectionDefinition<Record, Object> definition, Record row)
      throws SQLException {
    List<ColumnInfo> columns = definition.columns();
    String sql =
        "INSERT INTO \""
            + definition.tableName()
            + "\" ("
            + columnList(definition)
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < columns.size(); i++) definition.bindColumn(statement, i + 1, row, i);
      statement.executeUpdate();
    }
  }

  private Record select(CollectionDefinition<Record, Object> definition, Object key)
      throws SQLException {
    String keyColumn = definition.columns().get(definition.keyColumn()).column();
    String sql =
        "SELECT \"_origin\", "
            + columnList(definition)
            + " FROM \""
            + definition.tableName()
            + "\" WHERE \""
            + keyColumn
            + "\" = ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      definition.bindKey(statement, 1, key);
      try (ResultSet resultSet = statement.executeQuery()) {
        assertThat(resultSet.next()).as("row %s", key).isTrue();
        return definition.readRow(resultSet, 2);
      }
    }
  }

  static BigDecimal huge() {
    return new BigDecimal(
        "-1234567890123456789012345678901234567890.000000000000000000000000000001");
  }

  static Instant millis(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis);
  }
}
