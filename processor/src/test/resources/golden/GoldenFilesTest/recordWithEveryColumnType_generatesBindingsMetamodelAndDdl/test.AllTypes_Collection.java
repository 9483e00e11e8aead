package test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.JsonValues;
import dev.eventsourced.db.spi.SqlValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The {@code all_types} collection of {@link AllTypes} records, as the runtime sees it. Generated; not for hand use: use {@link AllTypesRepository#COLLECTION}.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class AllTypes_Collection implements CollectionDefinition<AllTypes, String> {
    /**
     * The one instance.
     */
    public static final AllTypes_Collection INSTANCE = new AllTypes_Collection();

    /**
     * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
     */
    public AllTypes_Collection() {
    }

    @Override
    public String collectionId() {
        return "all_types";
    }

    @Override
    public String tableName() {
        return "AllTypes";
    }

    @Override
    public Class<AllTypes> recordType() {
        return AllTypes.class;
    }

    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public List<String> ddl() {
        return AllTypes_Table.DDL;
    }

    @Override
    public String fingerprint() {
        return AllTypes_Table.FINGERPRINT;
    }

    @Override
    public List<ColumnInfo> columns() {
        return AllTypes_Table.COLUMNS;
    }

    @Override
    public int keyColumn() {
        return 0;
    }

    @Override
    public int columnIndex(String component) {
        return switch (component) {
            case "id" -> 0;
            case "text" -> 1;
            case "flag" -> 2;
            case "flagBox" -> 3;
            case "tiny" -> 4;
            case "tinyBox" -> 5;
            case "small" -> 6;
            case "smallBox" -> 7;
            case "count" -> 8;
            case "countBox" -> 9;
            case "big" -> 10;
            case "bigBox" -> 11;
            case "ratio" -> 12;
            case "ratioBox" -> 13;
            case "amount" -> 14;
            case "amountBox" -> 15;
            case "letter" -> 16;
            case "letterBox" -> 17;
            case "level" -> 18;
            case "uuid" -> 19;
            case "at" -> 20;
            case "day" -> 21;
            case "price" -> 22;
            case "data" -> 23;
            case "note" -> 24;
            case "maybeCount" -> 25;
            case "maybeLevel" -> 26;
            case "maybePoint" -> 27;
            case "point" -> 28;
            case "tags" -> 29;
            case "levels" -> 30;
            case "scores" -> 31;
            case "pointsById" -> 32;
            case "pointsByLevel" -> 33;
            case "byInt" -> 34;
            case "byLong" -> 35;
            case "matrix" -> 36;
            case "order" -> 37;
            default -> -1;
        };
    }

    @Override
    public String keyOf(AllTypes row) {
        return row.id();
    }

    @Override
    public String keyToString(String key) {
        return key;
    }

    @Override
    public String keyFromString(String key) {
        if (key == null) {
            throw new IllegalArgumentException("null is not a key of collection all_types");
        }
        return key;
    }

    @Override
    public boolean numericKey() {
        return false;
    }

    @Override
    public void bindKey(PreparedStatement statement, int parameterIndex, String key) throws
            SQLException {
        SqlValues.bindString(statement, parameterIndex, key);
    }

    @Override
    public void bindColumn(PreparedStatement statement, int parameterIndex, AllTypes row,
            int column) throws SQLException {
        switch (column) {
            case 0 -> SqlValues.bindString(statement, parameterIndex, row.id());
            case 1 -> SqlValues.bindString(statement, parameterIndex, row.text());
            case 2 -> statement.setInt(parameterIndex, row.flag() ? 1 : 0);
            case 3 -> SqlValues.bindBoolean(statement, parameterIndex, row.flagBox());
            case 4 -> statement.setLong(parameterIndex, row.tiny());
            case 5 -> SqlValues.bindInteger(statement, parameterIndex, row.tinyBox());
            case 6 -> statement.setLong(parameterIndex, row.small());
            case 7 -> SqlValues.bindInteger(statement, parameterIndex, row.smallBox());
            case 8 -> statement.setLong(parameterIndex, row.count());
            case 9 -> SqlValues.bindInteger(statement, parameterIndex, row.countBox());
            case 10 -> statement.setLong(parameterIndex, row.big());
            case 11 -> SqlValues.bindInteger(statement, parameterIndex, row.bigBox());
            case 12 -> SqlValues.bindDouble(statement, parameterIndex, row.ratio());
            case 13 -> SqlValues.bindReal(statement, parameterIndex, row.ratioBox());
            case 14 -> SqlValues.bindDouble(statement, parameterIndex, row.amount());
            case 15 -> SqlValues.bindReal(statement, parameterIndex, row.amountBox());
            case 16 -> statement.setString(parameterIndex, String.valueOf(row.letter()));
            case 17 -> SqlValues.bindChar(statement, parameterIndex, row.letterBox());
            case 18 -> SqlValues.bindEnum(statement, parameterIndex, row.level());
            case 19 -> SqlValues.bindUuid(statement, parameterIndex, row.uuid());
            case 20 -> SqlValues.bindInstant(statement, parameterIndex, row.at());
            case 21 -> SqlValues.bindLocalDate(statement, parameterIndex, row.day());
            case 22 -> SqlValues.bindBigDecimal(statement, parameterIndex, row.price());
            case 23 -> SqlValues.bindBytes(statement, parameterIndex, row.data());
            case 24 -> SqlValues.bindString(statement, parameterIndex, row.note().orElse(null));
            case 25 -> SqlValues.bindInteger(statement, parameterIndex, row.maybeCount().orElse(null));
            case 26 -> SqlValues.bindEnum(statement, parameterIndex, row.maybeLevel().orElse(null));
            case 27 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.maybePoint().orElse(null), AllTypes_Codec::writeAllTypes_Point));
            case 28 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.point(), AllTypes_Codec::writeAllTypes_Point));
            case 29 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.tags(), AllTypes_Codec::writeListOfString));
            case 30 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.levels(), AllTypes_Codec::writeSetOfAllTypes_Level));
            case 31 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.scores(), AllTypes_Codec::writeMapOfStringToInteger));
            case 32 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.pointsById(), AllTypes_Codec::writeMapOfUuidToAllTypes_Point));
            case 33 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.pointsByLevel(), AllTypes_Codec::writeMapOfAllTypes_LevelToListOfAllTypes_Point));
            case 34 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.byInt(), AllTypes_Codec::writeMapOfIntegerToString));
            case 35 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.byLong(), AllTypes_Codec::writeMapOfLongToBoolean));
            case 36 -> SqlValues.bindString(statement, parameterIndex, JsonValues.toJson(row.matrix(), AllTypes_Codec::writeListOfListOfDouble));
            case 37 -> SqlValues.bindString(statement, parameterIndex, row.order());
            default -> throw new IndexOutOfBoundsException("column " + column + " of all_types, which has 38 columns");
        }
    }

    @Override
    public AllTypes readRow(ResultSet resultSet, int firstColumn) throws SQLException {
        return new AllTypes(
                SqlValues.readString(resultSet, firstColumn),
                SqlValues.readString(resultSet, firstColumn + 1),
                resultSet.getInt(firstColumn + 2) != 0,
                SqlValues.readBoolean(resultSet, firstColumn + 3),
                resultSet.getByte(firstColumn + 4),
                SqlValues.readByte(resultSet, firstColumn + 5),
                resultSet.getShort(firstColumn + 6),
                SqlValues.readShort(resultSet, firstColumn + 7),
                resultSet.getInt(firstColumn + 8),
                SqlValues.readInteger(resultSet, firstColumn + 9),
                resultSet.getLong(firstColumn + 10),
                SqlValues.readLong(resultSet, firstColumn + 11),
                SqlValues.readFloatPrimitive(resultSet, firstColumn + 12),
                SqlValues.readFloat(resultSet, firstColumn + 13),
                SqlValues.readDoublePrimitive(resultSet, firstColumn + 14),
                SqlValues.readDouble(resultSet, firstColumn + 15),
                SqlValues.readCharPrimitive(resultSet, firstColumn + 16),
                SqlValues.readChar(resultSet, firstColumn + 17),
                SqlValues.readEnum(resultSet, firstColumn + 18, AllTypes.Level.class),
                SqlValues.readUuid(resultSet, firstColumn + 19),
                SqlValues.readInstant(resultSet, firstColumn + 20),
                SqlValues.readLocalDate(resultSet, firstColumn + 21),
                SqlValues.readBigDecimal(resultSet, firstColumn + 22),
                SqlValues.readBytes(resultSet, firstColumn + 23),
                Optional.ofNullable(SqlValues.readString(resultSet, firstColumn + 24)),
                Optional.ofNullable(SqlValues.readInteger(resultSet, firstColumn + 25)),
                Optional.ofNullable(SqlValues.readEnum(resultSet, firstColumn + 26, AllTypes.Level.class)),
                Optional.ofNullable(JsonValues.fromJson(resultSet.getString(firstColumn + 27), AllTypes_Codec::readAllTypes_Point)),
                JsonValues.fromJson(resultSet.getString(firstColumn + 28), AllTypes_Codec::readAllTypes_Point),
                JsonValues.fromJson(resultSet.getString(firstColumn + 29), AllTypes_Codec::readListOfString),
                JsonValues.fromJson(resultSet.getString(firstColumn + 30), AllTypes_Codec::readSetOfAllTypes_Level),
                JsonValues.fromJson(resultSet.getString(firstColumn + 31), AllTypes_Codec::readMapOfStringToInteger),
                JsonValues.fromJson(resultSet.getString(firstColumn + 32), AllTypes_Codec::readMapOfUuidToAllTypes_Point),
                JsonValues.fromJson(resultSet.getString(firstColumn + 33), AllTypes_Codec::readMapOfAllTypes_LevelToListOfAllTypes_Point),
                JsonValues.fromJson(resultSet.getString(firstColumn + 34), AllTypes_Codec::readMapOfIntegerToString),
                JsonValues.fromJson(resultSet.getString(firstColumn + 35), AllTypes_Codec::readMapOfLongToBoolean),
                JsonValues.fromJson(resultSet.getString(firstColumn + 36), AllTypes_Codec::readListOfListOfDouble),
                SqlValues.readString(resultSet, firstColumn + 37));
    }

    @Override
    public Object componentValue(AllTypes row, int column) {
        return switch (column) {
            case 0 -> row.id();
            case 1 -> row.text();
            case 2 -> row.flag();
            case 3 -> row.flagBox();
            case 4 -> row.tiny();
            case 5 -> row.tinyBox();
            case 6 -> row.small();
            case 7 -> row.smallBox();
            case 8 -> row.count();
            case 9 -> row.countBox();
            case 10 -> row.big();
            case 11 -> row.bigBox();
            case 12 -> row.ratio();
            case 13 -> row.ratioBox();
            case 14 -> row.amount();
            case 15 -> row.amountBox();
            case 16 -> row.letter();
            case 17 -> row.letterBox();
            case 18 -> row.level();
            case 19 -> row.uuid();
            case 20 -> row.at();
            case 21 -> row.day();
            case 22 -> row.price();
            case 23 -> row.data();
            case 24 -> row.note();
            case 25 -> row.maybeCount();
            case 26 -> row.maybeLevel();
            case 27 -> row.maybePoint();
            case 28 -> row.point();
            case 29 -> row.tags();
            case 30 -> row.levels();
            case 31 -> row.scores();
            case 32 -> row.pointsById();
            case 33 -> row.pointsByLevel();
            case 34 -> row.byInt();
            case 35 -> row.byLong();
            case 36 -> row.matrix();
            case 37 -> row.order();
            default -> throw new IndexOutOfBoundsException("column " + column + " of all_types, which has 38 columns");
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public AllTypes newRow(Object[] values) {
        return new AllTypes(
                (String) values[0],
                (String) values[1],
                (boolean) values[2],
                (Boolean) values[3],
                (byte) values[4],
                (Byte) values[5],
                (short) values[6],
                (Short) values[7],
                (int) values[8],
                (Integer) values[9],
                (long) values[10],
                (Long) values[11],
                (float) values[12],
                (Float) values[13],
                (double) values[14],
                (Double) values[15],
                (char) values[16],
                (Character) values[17],
                (AllTypes.Level) values[18],
                (UUID) values[19],
                (Instant) values[20],
                (LocalDate) values[21],
                (BigDecimal) values[22],
                (byte[]) values[23],
                (Optional<String>) values[24],
                (Optional<Integer>) values[25],
                (Optional<AllTypes.Level>) values[26],
                (Optional<AllTypes.Point>) values[27],
                (AllTypes.Point) values[28],
                (List<String>) values[29],
                (Set<AllTypes.Level>) values[30],
                (Map<String, Integer>) values[31],
                (Map<UUID, AllTypes.Point>) values[32],
                (Map<AllTypes.Level, List<AllTypes.Point>>) values[33],
                (Map<Integer, String>) values[34],
                (Map<Long, Boolean>) values[35],
                (List<List<Double>>) values[36],
                (String) values[37]);
    }

    @Override
    public void writePayload(JsonGenerator json, AllTypes row) throws IOException {
        AllTypes_Codec.write(json, row);
    }

    @Override
    public AllTypes readPayload(JsonParser json) throws IOException {
        return AllTypes_Codec.read(json);
    }
}
