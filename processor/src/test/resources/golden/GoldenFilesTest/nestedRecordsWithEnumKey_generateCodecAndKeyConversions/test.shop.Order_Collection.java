package test.shop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.spi.SqlValues;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The {@code orders} collection of {@link PurchaseOrder} records, as the runtime sees it. Generated; not for hand use: use {@link OrderRepository#COLLECTION}.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class Order_Collection implements CollectionDefinition<PurchaseOrder, PurchaseOrder.Region> {
    /**
     * The one instance.
     */
    public static final Order_Collection INSTANCE = new Order_Collection();

    /**
     * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
     */
    public Order_Collection() {
    }

    @Override
    public String collectionId() {
        return "orders";
    }

    @Override
    public String tableName() {
        return "orders";
    }

    @Override
    public Class<PurchaseOrder> recordType() {
        return PurchaseOrder.class;
    }

    @Override
    public int schemaVersion() {
        return 3;
    }

    @Override
    public List<String> ddl() {
        return Order_Table.DDL;
    }

    @Override
    public String fingerprint() {
        return Order_Table.FINGERPRINT;
    }

    @Override
    public List<ColumnInfo> columns() {
        return Order_Table.COLUMNS;
    }

    @Override
    public int keyColumn() {
        return 0;
    }

    @Override
    public int columnIndex(String component) {
        return switch (component) {
            case "region" -> 0;
            case "customer" -> 1;
            case "lines" -> 2;
            case "byProduct" -> 3;
            case "shipTo" -> 4;
            default -> -1;
        };
    }

    @Override
    public PurchaseOrder.Region keyOf(PurchaseOrder row) {
        return row.region();
    }

    @Override
    public String keyToString(PurchaseOrder.Region key) {
        return key.name();
    }

    @Override
    public PurchaseOrder.Region keyFromString(String key) {
        try {
            return PurchaseOrder.Region.valueOf(key);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + key + "' is not a key of collection orders: expected a constant name of test.shop.PurchaseOrder.Region", e);
        }
    }

    @Override
    public boolean numericKey() {
        return false;
    }

    @Override
    public void bindKey(PreparedStatement statement, int parameterIndex, PurchaseOrder.Region key)
            throws SQLException {
        SqlValues.bindEnum(statement, parameterIndex, key);
    }

    @Override
    public void bindColumn(PreparedStatement statement, int parameterIndex, PurchaseOrder row,
            int column) throws SQLException {
        switch (column) {
            case 0 -> SqlValues.bindEnum(statement, parameterIndex, row.region());
            case 1 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.customer(), Order_Codec::writePurchaseOrder_Customer));
            case 2 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.lines(), Order_Codec::writeListOfPurchaseOrder_Line));
            case 3 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.byProduct(), Order_Codec::writeMapOfStringToPurchaseOrder_Line));
            case 4 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.shipTo().orElse(null), Order_Codec::writePurchaseOrder_Customer_Address));
            default -> throw new IndexOutOfBoundsException("column " + column + " of orders, which has 5 columns");
        }
    }

    @Override
    public PurchaseOrder readRow(ResultSet resultSet, int firstColumn) throws SQLException {
        return new PurchaseOrder(
                SqlValues.readEnum(resultSet, firstColumn, PurchaseOrder.Region.class),
                JsonValues.fromJson(resultSet.getString(firstColumn + 1), Order_Codec::readPurchaseOrder_Customer),
                JsonValues.fromJson(resultSet.getString(firstColumn + 2), Order_Codec::readListOfPurchaseOrder_Line),
                JsonValues.fromJson(resultSet.getString(firstColumn + 3), Order_Codec::readMapOfStringToPurchaseOrder_Line),
                Optional.ofNullable(JsonValues.fromJson(resultSet.getString(firstColumn + 4), Order_Codec::readPurchaseOrder_Customer_Address)));
    }

    @Override
    public Object componentValue(PurchaseOrder row, int column) {
        return switch (column) {
            case 0 -> row.region();
            case 1 -> row.customer();
            case 2 -> row.lines();
            case 3 -> row.byProduct();
            case 4 -> row.shipTo();
            default -> throw new IndexOutOfBoundsException("column " + column + " of orders, which has 5 columns");
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public PurchaseOrder newRow(Object[] values) {
        return new PurchaseOrder(
                (PurchaseOrder.Region) values[0],
                (PurchaseOrder.Customer) values[1],
                (List<PurchaseOrder.Line>) values[2],
                (Map<String, PurchaseOrder.Line>) values[3],
                (Optional<PurchaseOrder.Customer.Address>) values[4]);
    }

    @Override
    public void writePayload(JsonGenerator json, PurchaseOrder row) throws IOException {
        Order_Codec.write(json, row);
    }

    @Override
    public PurchaseOrder readPayload(JsonParser json) throws IOException {
        return Order_Codec.read(json);
    }
}
