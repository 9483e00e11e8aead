package test.shop;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Generated;

@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
final class Order_Codec {
    private Order_Codec() {
    }

    static void write(JsonGenerator json, PurchaseOrder value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("region");
        JsonValues.writeEnum(json, value.region());
        json.writeFieldName("customer");
        writePurchaseOrder_Customer(json, value.customer());
        json.writeFieldName("lines");
        writeListOfPurchaseOrder_Line(json, value.lines());
        json.writeFieldName("byProduct");
        writeMapOfStringToPurchaseOrder_Line(json, value.byProduct());
        json.writeFieldName("shipTo");
        writePurchaseOrder_Customer_Address(json, value.shipTo().orElse(null));
        json.writeEndObject();
    }

    static PurchaseOrder read(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        PurchaseOrder.Region region = null;
        PurchaseOrder.Customer customer = null;
        List<PurchaseOrder.Line> lines = null;
        Map<String, PurchaseOrder.Line> byProduct = null;
        Optional<PurchaseOrder.Customer.Address> shipTo = Optional.empty();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "region" -> region = JsonValues.readEnum(json, PurchaseOrder.Region.class);
                case "customer" -> customer = readPurchaseOrder_Customer(json);
                case "lines" -> lines = readListOfPurchaseOrder_Line(json);
                case "byProduct" -> byProduct = readMapOfStringToPurchaseOrder_Line(json);
                case "shipTo" -> shipTo = Optional.ofNullable(readPurchaseOrder_Customer_Address(json));
                default -> json.skipChildren();
            }
        }
        return new PurchaseOrder(region, customer, lines, byProduct, shipTo);
    }

    static void writePurchaseOrder_Customer(JsonGenerator json, PurchaseOrder.Customer value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("name");
        JsonValues.writeString(json, value.name());
        json.writeFieldName("address");
        writePurchaseOrder_Customer_Address(json, value.address());
        json.writeEndObject();
    }

    static PurchaseOrder.Customer readPurchaseOrder_Customer(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        String name = null;
        PurchaseOrder.Customer.Address address = null;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "name" -> name = JsonValues.readString(json);
                case "address" -> address = readPurchaseOrder_Customer_Address(json);
                default -> json.skipChildren();
            }
        }
        return new PurchaseOrder.Customer(name, address);
    }

    static void writePurchaseOrder_Customer_Address(JsonGenerator json,
            PurchaseOrder.Customer.Address value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("street");
        JsonValues.writeString(json, value.street());
        json.writeFieldName("city");
        JsonValues.writeString(json, value.city());
        json.writeEndObject();
    }

    static PurchaseOrder.Customer.Address readPurchaseOrder_Customer_Address(JsonParser json) throws
            IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        String street = null;
        String city = null;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "street" -> street = JsonValues.readString(json);
                case "city" -> city = JsonValues.readString(json);
                default -> json.skipChildren();
            }
        }
        return new PurchaseOrder.Customer.Address(street, city);
    }

    static void writePurchaseOrder_Line(JsonGenerator json, PurchaseOrder.Line value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("product");
        JsonValues.writeString(json, value.product());
        json.writeFieldName("quantity");
        json.writeNumber(value.quantity());
        json.writeFieldName("price");
        JsonValues.writeBigDecimal(json, value.price());
        json.writeEndObject();
    }

    static PurchaseOrder.Line readPurchaseOrder_Line(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        String product = null;
        int quantity = 0;
        BigDecimal price = null;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "product" -> product = JsonValues.readString(json);
                case "quantity" -> quantity = JsonValues.readIntPrimitive(json);
                case "price" -> price = JsonValues.readBigDecimal(json);
                default -> json.skipChildren();
            }
        }
        return new PurchaseOrder.Line(product, quantity, price);
    }

    static void writeListOfPurchaseOrder_Line(JsonGenerator json, List<PurchaseOrder.Line> value)
            throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (PurchaseOrder.Line element : value) {
            writePurchaseOrder_Line(json, element);
        }
        json.writeEndArray();
    }

    static List<PurchaseOrder.Line> readListOfPurchaseOrder_Line(JsonParser json) throws
            IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        List<PurchaseOrder.Line> value = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(readPurchaseOrder_Line(json));
        }
        return Collections.unmodifiableList(value);
    }

    static void writeMapOfStringToPurchaseOrder_Line(JsonGenerator json,
            Map<String, PurchaseOrder.Line> value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, PurchaseOrder.Line> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey());
            writePurchaseOrder_Line(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<String, PurchaseOrder.Line> readMapOfStringToPurchaseOrder_Line(JsonParser json)
            throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<String, PurchaseOrder.Line> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String key = json.currentName();
            json.nextToken();
            value.put(key, readPurchaseOrder_Line(json));
        }
        return Collections.unmodifiableMap(value);
    }
}
