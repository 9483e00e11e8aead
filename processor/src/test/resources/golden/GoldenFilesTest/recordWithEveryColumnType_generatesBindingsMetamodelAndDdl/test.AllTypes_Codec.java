package test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
final class AllTypes_Codec {
    private AllTypes_Codec() {
    }

    static void write(JsonGenerator json, AllTypes value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("id");
        JsonValues.writeString(json, value.id());
        json.writeFieldName("text");
        JsonValues.writeString(json, value.text());
        json.writeFieldName("flag");
        json.writeBoolean(value.flag());
        json.writeFieldName("flagBox");
        JsonValues.writeBoolean(json, value.flagBox());
        json.writeFieldName("tiny");
        json.writeNumber(value.tiny());
        json.writeFieldName("tinyBox");
        JsonValues.writeNumber(json, value.tinyBox());
        json.writeFieldName("small");
        json.writeNumber(value.small());
        json.writeFieldName("smallBox");
        JsonValues.writeNumber(json, value.smallBox());
        json.writeFieldName("count");
        json.writeNumber(value.count());
        json.writeFieldName("countBox");
        JsonValues.writeNumber(json, value.countBox());
        json.writeFieldName("big");
        json.writeNumber(value.big());
        json.writeFieldName("bigBox");
        JsonValues.writeNumber(json, value.bigBox());
        json.writeFieldName("ratio");
        JsonValues.writeFloat(json, value.ratio());
        json.writeFieldName("ratioBox");
        JsonValues.writeNumber(json, value.ratioBox());
        json.writeFieldName("amount");
        JsonValues.writeDouble(json, value.amount());
        json.writeFieldName("amountBox");
        JsonValues.writeNumber(json, value.amountBox());
        json.writeFieldName("letter");
        JsonValues.writeChar(json, value.letter());
        json.writeFieldName("letterBox");
        JsonValues.writeChar(json, value.letterBox());
        json.writeFieldName("level");
        JsonValues.writeEnum(json, value.level());
        json.writeFieldName("uuid");
        JsonValues.writeUuid(json, value.uuid());
        json.writeFieldName("at");
        JsonValues.writeInstant(json, value.at());
        json.writeFieldName("day");
        JsonValues.writeLocalDate(json, value.day());
        json.writeFieldName("price");
        JsonValues.writeBigDecimal(json, value.price());
        json.writeFieldName("data");
        JsonValues.writeBytes(json, value.data());
        json.writeFieldName("note");
        JsonValues.writeString(json, value.note().orElse(null));
        json.writeFieldName("maybeCount");
        JsonValues.writeNumber(json, value.maybeCount().orElse(null));
        json.writeFieldName("maybeLevel");
        JsonValues.writeEnum(json, value.maybeLevel().orElse(null));
        json.writeFieldName("maybePoint");
        writeAllTypes_Point(json, value.maybePoint().orElse(null));
        json.writeFieldName("point");
        writeAllTypes_Point(json, value.point());
        json.writeFieldName("tags");
        writeListOfString(json, value.tags());
        json.writeFieldName("levels");
        writeSetOfAllTypes_Level(json, value.levels());
        json.writeFieldName("scores");
        writeMapOfStringToInteger(json, value.scores());
        json.writeFieldName("pointsById");
        writeMapOfUuidToAllTypes_Point(json, value.pointsById());
        json.writeFieldName("pointsByLevel");
        writeMapOfAllTypes_LevelToListOfAllTypes_Point(json, value.pointsByLevel());
        json.writeFieldName("byInt");
        writeMapOfIntegerToString(json, value.byInt());
        json.writeFieldName("byLong");
        writeMapOfLongToBoolean(json, value.byLong());
        json.writeFieldName("matrix");
        writeListOfListOfDouble(json, value.matrix());
        json.writeFieldName("order");
        JsonValues.writeString(json, value.order());
        json.writeEndObject();
    }

    static AllTypes read(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        String id = null;
        String text = null;
        boolean flag = false;
        Boolean flagBox = null;
        byte tiny = 0;
        Byte tinyBox = null;
        short small = 0;
        Short smallBox = null;
        int count = 0;
        Integer countBox = null;
        long big = 0;
        Long bigBox = null;
        float ratio = 0;
        Float ratioBox = null;
        double amount = 0;
        Double amountBox = null;
        char letter = '\0';
        Character letterBox = null;
        AllTypes.Level level = null;
        UUID uuid = null;
        Instant at = null;
        LocalDate day = null;
        BigDecimal price = null;
        byte[] data = null;
        Optional<String> note = Optional.empty();
        Optional<Integer> maybeCount = Optional.empty();
        Optional<AllTypes.Level> maybeLevel = Optional.empty();
        Optional<AllTypes.Point> maybePoint = Optional.empty();
        AllTypes.Point point = null;
        List<String> tags = null;
        Set<AllTypes.Level> levels = null;
        Map<String, Integer> scores = null;
        Map<UUID, AllTypes.Point> pointsById = null;
        Map<AllTypes.Level, List<AllTypes.Point>> pointsByLevel = null;
        Map<Integer, String> byInt = null;
        Map<Long, Boolean> byLong = null;
        List<List<Double>> matrix = null;
        String order = null;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "id" -> id = JsonValues.readString(json);
                case "text" -> text = JsonValues.readString(json);
                case "flag" -> flag = JsonValues.readBooleanPrimitive(json);
                case "flagBox" -> flagBox = JsonValues.readBoolean(json);
                case "tiny" -> tiny = JsonValues.readBytePrimitive(json);
                case "tinyBox" -> tinyBox = JsonValues.readByte(json);
                case "small" -> small = JsonValues.readShortPrimitive(json);
                case "smallBox" -> smallBox = JsonValues.readShort(json);
                case "count" -> count = JsonValues.readIntPrimitive(json);
                case "countBox" -> countBox = JsonValues.readInteger(json);
                case "big" -> big = JsonValues.readLongPrimitive(json);
                case "bigBox" -> bigBox = JsonValues.readLong(json);
                case "ratio" -> ratio = JsonValues.readFloatPrimitive(json);
                case "ratioBox" -> ratioBox = JsonValues.readFloat(json);
                case "amount" -> amount = JsonValues.readDoublePrimitive(json);
                case "amountBox" -> amountBox = JsonValues.readDouble(json);
                case "letter" -> letter = JsonValues.readCharPrimitive(json);
                case "letterBox" -> letterBox = JsonValues.readChar(json);
                case "level" -> level = JsonValues.readEnum(json, AllTypes.Level.class);
                case "uuid" -> uuid = JsonValues.readUuid(json);
                case "at" -> at = JsonValues.readInstant(json);
                case "day" -> day = JsonValues.readLocalDate(json);
                case "price" -> price = JsonValues.readBigDecimal(json);
                case "data" -> data = JsonValues.readBytes(json);
                case "note" -> note = Optional.ofNullable(JsonValues.readString(json));
                case "maybeCount" -> maybeCount = Optional.ofNullable(JsonValues.readInteger(json));
                case "maybeLevel" -> maybeLevel = Optional.ofNullable(JsonValues.readEnum(json, AllTypes.Level.class));
                case "maybePoint" -> maybePoint = Optional.ofNullable(readAllTypes_Point(json));
                case "point" -> point = readAllTypes_Point(json);
                case "tags" -> tags = readListOfString(json);
                case "levels" -> levels = readSetOfAllTypes_Level(json);
                case "scores" -> scores = readMapOfStringToInteger(json);
                case "pointsById" -> pointsById = readMapOfUuidToAllTypes_Point(json);
                case "pointsByLevel" -> pointsByLevel = readMapOfAllTypes_LevelToListOfAllTypes_Point(json);
                case "byInt" -> byInt = readMapOfIntegerToString(json);
                case "byLong" -> byLong = readMapOfLongToBoolean(json);
                case "matrix" -> matrix = readListOfListOfDouble(json);
                case "order" -> order = JsonValues.readString(json);
                default -> json.skipChildren();
            }
        }
        return new AllTypes(id, text, flag, flagBox, tiny, tinyBox, small, smallBox, count, countBox, big, bigBox, ratio, ratioBox, amount, amountBox, letter, letterBox, level, uuid, at, day, price, data, note, maybeCount, maybeLevel, maybePoint, point, tags, levels, scores, pointsById, pointsByLevel, byInt, byLong, matrix, order);
    }

    static void writeAllTypes_Point(JsonGenerator json, AllTypes.Point value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("x");
        json.writeNumber(value.x());
        json.writeFieldName("label");
        JsonValues.writeString(json, value.label().orElse(null));
        json.writeFieldName("children");
        writeListOfAllTypes_Point(json, value.children());
        json.writeFieldName("blob");
        JsonValues.writeBytes(json, value.blob());
        json.writeFieldName("at");
        JsonValues.writeInstant(json, value.at());
        json.writeEndObject();
    }

    static AllTypes.Point readAllTypes_Point(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        int x = 0;
        Optional<String> label = Optional.empty();
        List<AllTypes.Point> children = null;
        byte[] blob = null;
        Instant at = null;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "x" -> x = JsonValues.readIntPrimitive(json);
                case "label" -> label = Optional.ofNullable(JsonValues.readString(json));
                case "children" -> children = readListOfAllTypes_Point(json);
                case "blob" -> blob = JsonValues.readBytes(json);
                case "at" -> at = JsonValues.readInstant(json);
                default -> json.skipChildren();
            }
        }
        return new AllTypes.Point(x, label, children, blob, at);
    }

    static void writeListOfAllTypes_Point(JsonGenerator json, List<AllTypes.Point> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (AllTypes.Point element : value) {
            writeAllTypes_Point(json, element);
        }
        json.writeEndArray();
    }

    static List<AllTypes.Point> readListOfAllTypes_Point(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        List<AllTypes.Point> value = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(readAllTypes_Point(json));
        }
        return Collections.unmodifiableList(value);
    }

    static void writeListOfDouble(JsonGenerator json, List<Double> value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (Double element : value) {
            JsonValues.writeNumber(json, element);
        }
        json.writeEndArray();
    }

    static List<Double> readListOfDouble(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        List<Double> value = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(JsonValues.readDouble(json));
        }
        return Collections.unmodifiableList(value);
    }

    static void writeListOfListOfDouble(JsonGenerator json, List<List<Double>> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (List<Double> element : value) {
            writeListOfDouble(json, element);
        }
        json.writeEndArray();
    }

    static List<List<Double>> readListOfListOfDouble(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        List<List<Double>> value = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(readListOfDouble(json));
        }
        return Collections.unmodifiableList(value);
    }

    static void writeListOfString(JsonGenerator json, List<String> value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String element : value) {
            JsonValues.writeString(json, element);
        }
        json.writeEndArray();
    }

    static List<String> readListOfString(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        List<String> value = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(JsonValues.readString(json));
        }
        return Collections.unmodifiableList(value);
    }

    static void writeMapOfAllTypes_LevelToListOfAllTypes_Point(JsonGenerator json,
            Map<AllTypes.Level, List<AllTypes.Point>> value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<AllTypes.Level, List<AllTypes.Point>> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey().name());
            writeListOfAllTypes_Point(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<AllTypes.Level, List<AllTypes.Point>> readMapOfAllTypes_LevelToListOfAllTypes_Point(
            JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<AllTypes.Level, List<AllTypes.Point>> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            AllTypes.Level key = AllTypes.Level.valueOf(json.currentName());
            json.nextToken();
            value.put(key, readListOfAllTypes_Point(json));
        }
        return Collections.unmodifiableMap(value);
    }

    static void writeMapOfIntegerToString(JsonGenerator json, Map<Integer, String> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<Integer, String> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey().toString());
            JsonValues.writeString(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<Integer, String> readMapOfIntegerToString(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<Integer, String> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            Integer key = Integer.valueOf(json.currentName());
            json.nextToken();
            value.put(key, JsonValues.readString(json));
        }
        return Collections.unmodifiableMap(value);
    }

    static void writeMapOfLongToBoolean(JsonGenerator json, Map<Long, Boolean> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<Long, Boolean> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey().toString());
            JsonValues.writeBoolean(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<Long, Boolean> readMapOfLongToBoolean(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<Long, Boolean> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            Long key = Long.valueOf(json.currentName());
            json.nextToken();
            value.put(key, JsonValues.readBoolean(json));
        }
        return Collections.unmodifiableMap(value);
    }

    static void writeMapOfStringToInteger(JsonGenerator json, Map<String, Integer> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<String, Integer> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey());
            JsonValues.writeNumber(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<String, Integer> readMapOfStringToInteger(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<String, Integer> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String key = json.currentName();
            json.nextToken();
            value.put(key, JsonValues.readInteger(json));
        }
        return Collections.unmodifiableMap(value);
    }

    static void writeMapOfUuidToAllTypes_Point(JsonGenerator json, Map<UUID, AllTypes.Point> value)
            throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        for (Map.Entry<UUID, AllTypes.Point> entry : value.entrySet()) {
            json.writeFieldName(entry.getKey().toString());
            writeAllTypes_Point(json, entry.getValue());
        }
        json.writeEndObject();
    }

    static Map<UUID, AllTypes.Point> readMapOfUuidToAllTypes_Point(JsonParser json) throws
            IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        Map<UUID, AllTypes.Point> value = new LinkedHashMap<>();
        while (json.nextToken() != JsonToken.END_OBJECT) {
            UUID key = UUID.fromString(json.currentName());
            json.nextToken();
            value.put(key, readAllTypes_Point(json));
        }
        return Collections.unmodifiableMap(value);
    }

    static void writeSetOfAllTypes_Level(JsonGenerator json, Set<AllTypes.Level> value) throws
            IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (AllTypes.Level element : value) {
            JsonValues.writeEnum(json, element);
        }
        json.writeEndArray();
    }

    static Set<AllTypes.Level> readSetOfAllTypes_Level(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_ARRAY);
        Set<AllTypes.Level> value = new LinkedHashSet<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            value.add(JsonValues.readEnum(json, AllTypes.Level.class));
        }
        return Collections.unmodifiableSet(value);
    }
}
