package dev.eventsourced.processor;

import static dev.eventsourced.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The value rule of floating-point components: SQLite's REAL columns don't keep the sign of zero,
 * so {@code -0.0} is {@code 0.0} everywhere else too: in payloads and in JSON columns, for
 * primitives, boxes, and values inside collections and nested records.
 */
class FloatingPointTest {

  private static final GeneratedClasses classes =
      GeneratedClasses.compile(
          source(
              "test.fp.Measure",
              """
      package test.fp;

      import dev.eventsourced.annotations.Collection;
      import dev.eventsourced.annotations.Key;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.Set;

      @Collection
      public record Measure(
          @Key String id,
          double d,
          float f,
          Double boxedD,
          Float boxedF,
          Optional<Double> maybeD,
          List<Double> ds,
          Set<Float> fs,
          Map<String, Double> byName,
          Sample sample,
          List<Sample> samples) {

        public record Sample(double x, float y, Double z, List<Float> zs) {}
      }
      """));

  private static final CollectionDefinition<Record, Object> definition =
      classes.constant("test.fp.Measure_Collection", "INSTANCE");

  @TempDir Path dir;

  /** A row holding {@code zero} (and -2.5) in every floating-point place. */
  private static Record row(double zero) {
    float zeroF = (float) zero;
    Object sample = classes.record("test.fp.Measure$Sample", zero, zeroF, zero, List.of(zeroF));
    return (Record)
        classes.record(
            "test.fp.Measure",
            "m",
            zero,
            zeroF,
            zero,
            zeroF,
            Optional.of(zero),
            List.of(zero, -2.5),
            Set.of(zeroF),
            Map.of("a", zero),
            sample,
            List.of(sample));
  }

  @Test
  void negativeZero_isWrittenAsZeroInPayloads() throws IOException {
    String sample = "{\"x\":0.0,\"y\":0.0,\"z\":0.0,\"zs\":[0.0]}";
    assertThat(write(row(-0.0)))
        .isEqualTo(
            "{\"id\":\"m\",\"d\":0.0,\"f\":0.0,\"boxedD\":0.0,\"boxedF\":0.0,\"maybeD\":0.0,\"ds\":[0.0,-2.5],"
                + "\"fs\":[0.0],\"byName\":{\"a\":0.0},\"sample\":"
                + sample
                + ",\"samples\":["
                + sample
                + "]}");
  }

  @Test
  void negativeZero_readsBackFromPayloadAsZero() throws IOException {
    AllTypesRows.assertEqualRecords(read(write(row(-0.0))), row(0.0));
  }

  @Test
  void negativeZero_readsBackFromRealAndJsonColumnsAsZero() throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.sqlite"))) {
      try (Statement statement = connection.createStatement()) {
        for (String ddl : definition.ddl()) statement.execute(ddl);
      }
      String columns =
          definition.columns().stream()
              .map(c -> '"' + c.column() + '"')
              .collect(Collectors.joining(", "));
      String parameters =
          definition.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO \""
                  + definition.tableName()
                  + "\" ("
                  + columns
                  + ") VALUES ("
                  + parameters
                  + ")")) {
        for (int i = 0; i < definition.columns().size(); i++)
          definition.bindColumn(insert, i + 1, row(-0.0), i);
        insert.executeUpdate();
      }
      try (Statement statement = connection.createStatement();
          ResultSet resultSet =
              statement.executeQuery(
                  "SELECT "
                      + columns
                      + ", \"ds\", \"samples\" FROM \""
                      + definition.tableName()
                      + "\"")) {
        assertThat(resultSet.next()).isTrue();
        AllTypesRows.assertEqualRecords(definition.readRow(resultSet, 1), row(0.0));
        int size = definition.columns().size();
        assertThat(resultSet.getString(size + 1)).isEqualTo("[0.0,-2.5]");
        assertThat(resultSet.getString(size + 2))
            .isEqualTo("[{\"x\":0.0,\"y\":0.0,\"z\":0.0,\"zs\":[0.0]}]");
      }
    }
  }

  private static String write(Record row) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JsonValues.FACTORY.createGenerator(out)) {
      definition.writePayload(generator, row);
    }
    return out.toString();
  }

  private static Record read(String json) throws IOException {
    try (JsonParser parser = JsonValues.FACTORY.createParser(json)) {
      parser.nextToken();
      return definition.readPayload(parser);
    }
  }
}
