package dev.eventsourced.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated event payload codec: {@code writePayload} then {@code readPayload}. */
class PayloadCodecTest {

  private static final GeneratedClasses classes = Fixtures.compiled();
  private static final AllTypesRows rows = new AllTypesRows(classes);

  @Test
  void rowWithNulls_roundTrips() throws IOException {
    assertRoundTrip(rows.nulls());
  }

  @Test
  void rowWithExtremes_roundTrips() throws IOException {
    assertRoundTrip(rows.extremes());
  }

  @Test
  void rowWithUnicodeAndNestedRecords_roundTrips() throws IOException {
    assertRoundTrip(rows.unicodeAndNesting());
  }

  @Test
  void specialFloatingPointValues_roundTripExactly() throws IOException {
    assertRoundTrip(rows.withDoubles(Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
    assertRoundTrip(rows.withDoubles(Double.MAX_VALUE, Float.NaN, Double.POSITIVE_INFINITY));
  }

  @Test
  void readPayload_holdsUnmodifiableCollectionsAtEveryDepth_inOrderWithNulls() throws IOException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    Record read = read(definition, write(definition, rows.unicodeAndNesting()));
    assertThat(AllTypesRows.assertUnmodifiableCollections(read))
        .isEqualTo(AllTypesRows.UNICODE_AND_NESTING_COLLECTIONS);
    AllTypesRows.assertEqualRecords(read, rows.unicodeAndNesting());
    rows.assertUnicodeAndNestingOrder(read);
  }

  @Test
  void payload_isOneObjectWithMembersNamedByComponent() throws IOException {
    String json = write(rows.definition(), rows.extremes());
    assertThat(json)
        .startsWith(
            "{\"id\":\"extremes\",\"text\":\"\",\"flag\":true,\"flagBox\":false,\"tiny\":-128,")
        .contains("\"big\":-9223372036854775808,\"bigBox\":9223372036854775807")
        .contains("\"at\":0,\"day\":\"-999999999-01-01\"")
        .contains("\"note\":\"\",\"maybeCount\":-2147483648,\"maybeLevel\":\"HIGH\"")
        .contains("\"tags\":[],\"levels\":[],\"scores\":{}")
        .endsWith("\"matrix\":[[]],\"order\":\"\"}");
  }

  @Test
  void payloadWithUnknownAndMissingMembers_skipsAndDefaults() throws IOException {
    String json =
        "{\"unknown\":{\"a\":[1,{\"b\":null}]},\"id\":\"x\",\"count\":5,\"extra\":[1,2],"
            + "\"note\":null,\"point\":{\"x\":3,\"future\":true}}";
    try (JsonParser parser = JsonValues.FACTORY.createParser(json)) {
      parser.nextToken();
      Record read = rows.definition().readPayload(parser);
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isNull();
      assertThat(read)
          .hasFieldOrPropertyWithValue("id", "x")
          .hasFieldOrPropertyWithValue("count", 5)
          .hasFieldOrPropertyWithValue("big", 0L)
          .hasFieldOrPropertyWithValue("flag", false)
          .hasFieldOrPropertyWithValue("letter", '\0')
          .hasFieldOrPropertyWithValue("text", null)
          .hasFieldOrPropertyWithValue("note", Optional.empty())
          .hasFieldOrPropertyWithValue("maybePoint", Optional.empty())
          .hasFieldOrPropertyWithValue("tags", null)
          .hasFieldOrPropertyWithValue("point", rows.point(3, Optional.empty(), null, null, null));
    }
  }

  @Test
  void payloadThatIsNotAnObject_failsNamingWhatWasFound() throws IOException {
    try (JsonParser parser = JsonValues.FACTORY.createParser("[1]")) {
      parser.nextToken();
      assertThatThrownBy(() -> rows.definition().readPayload(parser))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("expected START_OBJECT but found START_ARRAY");
    }
  }

  @Test
  void enumKeyedNestedRecords_roundTrip() throws IOException {
    CollectionDefinition<Record, Object> orders =
        classes.constant("test.shop.Order_Collection", "INSTANCE");
    Object address =
        classes.record("test.shop.PurchaseOrder$Customer$Address", "1 Main St", "Springfield");
    Object customer = classes.record("test.shop.PurchaseOrder$Customer", "Ann", address);
    Object line =
        classes.record("test.shop.PurchaseOrder$Line", "tea", 2, new java.math.BigDecimal("3.50"));
    Record order =
        (Record)
            classes.record(
                "test.shop.PurchaseOrder",
                classes.enumConstant("test.shop.PurchaseOrder$Region", "EU"),
                customer,
                List.of(line, line),
                Map.of("tea", line),
                Optional.of(address));
    String json = write(orders, order);
    assertThat(json)
        .isEqualTo(
            "{\"region\":\"EU\",\"customer\":{\"name\":\"Ann\",\"address\":{\"street\":\"1 Main St\",\"city\":\"Springfield\"}},"
                + "\"lines\":[{\"product\":\"tea\",\"quantity\":2,\"price\":\"3.50\"},{\"product\":\"tea\",\"quantity\":2,\"price\":\"3.50\"}],"
                + "\"byProduct\":{\"tea\":{\"product\":\"tea\",\"quantity\":2,\"price\":\"3.50\"}},"
                + "\"shipTo\":{\"street\":\"1 Main St\",\"city\":\"Springfield\"}}");
    assertThat(read(orders, json)).isEqualTo(order);
    assertThat(orders.schemaVersion()).isEqualTo(3);
  }

  private static void assertRoundTrip(Record row) throws IOException {
    CollectionDefinition<Record, Object> definition = rows.definition();
    AllTypesRows.assertEqualRecords(read(definition, write(definition, row)), row);
  }

  private static String write(CollectionDefinition<Record, Object> definition, Record row)
      throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JsonValues.FACTORY.createGenerator(out)) {
      definition.writePayload(generator, row);
    }
    return out.toString();
  }

  private static Record read(CollectionDefinition<Record, Object> definition, String json)
      throws IOException {
    try (JsonParser parser = JsonValues.FACTORY.createParser(json)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      Record read = definition.readPayload(parser);
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isNull();
      return read;
    }
  }
}
