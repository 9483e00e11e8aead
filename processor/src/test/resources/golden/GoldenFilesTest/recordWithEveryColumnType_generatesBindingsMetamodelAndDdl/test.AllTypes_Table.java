package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.ColumnType;
import java.util.List;
import javax.annotation.processing.Generated;

@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
final class AllTypes_Table {
    static final List<ColumnInfo> COLUMNS = List.of(
        new ColumnInfo("id", "id", ColumnType.STRING, false, true),
        new ColumnInfo("text", "text", ColumnType.STRING, true, false),
        new ColumnInfo("flag", "flag", ColumnType.BOOLEAN, false, false),
        new ColumnInfo("flagBox", "flag_box", ColumnType.BOOLEAN, true, false),
        new ColumnInfo("tiny", "tiny", ColumnType.INTEGER, false, false),
        new ColumnInfo("tinyBox", "tiny_box", ColumnType.INTEGER, true, false),
        new ColumnInfo("small", "small", ColumnType.INTEGER, false, false),
        new ColumnInfo("smallBox", "small_box", ColumnType.INTEGER, true, false),
        new ColumnInfo("count", "count", ColumnType.INTEGER, false, false),
        new ColumnInfo("countBox", "count_box", ColumnType.INTEGER, true, false),
        new ColumnInfo("big", "big", ColumnType.INTEGER, false, false),
        new ColumnInfo("bigBox", "big_box", ColumnType.INTEGER, true, false),
        new ColumnInfo("ratio", "ratio", ColumnType.REAL, false, false),
        new ColumnInfo("ratioBox", "ratio_box", ColumnType.REAL, true, false),
        new ColumnInfo("amount", "amount", ColumnType.REAL, false, false),
        new ColumnInfo("amountBox", "amount_box", ColumnType.REAL, true, false),
        new ColumnInfo("letter", "letter", ColumnType.CHAR, false, false),
        new ColumnInfo("letterBox", "letter_box", ColumnType.CHAR, true, false),
        new ColumnInfo("level", "level", ColumnType.ENUM, true, false),
        new ColumnInfo("uuid", "uuid", ColumnType.UUID, true, false),
        new ColumnInfo("at", "at", ColumnType.INSTANT, true, false),
        new ColumnInfo("day", "day", ColumnType.LOCAL_DATE, true, false),
        new ColumnInfo("price", "price", ColumnType.BIG_DECIMAL, true, false),
        new ColumnInfo("data", "data", ColumnType.BYTES, true, false),
        new ColumnInfo("note", "note", ColumnType.STRING, true, false),
        new ColumnInfo("maybeCount", "maybe_count", ColumnType.INTEGER, true, false),
        new ColumnInfo("maybeLevel", "maybe_level", ColumnType.ENUM, true, false),
        new ColumnInfo("maybePoint", "maybe_point", ColumnType.JSON, true, false),
        new ColumnInfo("point", "point", ColumnType.JSON, true, false),
        new ColumnInfo("tags", "tags", ColumnType.JSON, true, false),
        new ColumnInfo("levels", "levels", ColumnType.JSON, true, false),
        new ColumnInfo("scores", "scores", ColumnType.JSON, true, false),
        new ColumnInfo("pointsById", "points_by_id", ColumnType.JSON, true, false),
        new ColumnInfo("pointsByLevel", "points_by_level", ColumnType.JSON, true, false),
        new ColumnInfo("byInt", "by_int", ColumnType.JSON, true, false),
        new ColumnInfo("byLong", "by_long", ColumnType.JSON, true, false),
        new ColumnInfo("matrix", "matrix", ColumnType.JSON, true, false),
        new ColumnInfo("order", "order", ColumnType.STRING, true, false));

    static final List<String> DDL = List.of(
        "CREATE TABLE IF NOT EXISTS \"AllTypes\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"text\" TEXT, \"flag\" INTEGER NOT NULL, \"flag_box\" INTEGER, \"tiny\" INTEGER NOT NULL, \"tiny_box\" INTEGER, \"small\" INTEGER NOT NULL, \"small_box\" INTEGER, \"count\" INTEGER NOT NULL, \"count_box\" INTEGER, \"big\" INTEGER NOT NULL, \"big_box\" INTEGER, \"ratio\" REAL NOT NULL, \"ratio_box\" REAL, \"amount\" REAL NOT NULL, \"amount_box\" REAL, \"letter\" TEXT NOT NULL, \"letter_box\" TEXT, \"level\" TEXT, \"uuid\" TEXT, \"at\" INTEGER, \"day\" TEXT, \"price\" TEXT, \"data\" BLOB, \"note\" TEXT, \"maybe_count\" INTEGER, \"maybe_level\" TEXT, \"maybe_point\" TEXT, \"point\" TEXT, \"tags\" TEXT, \"levels\" TEXT, \"scores\" TEXT, \"points_by_id\" TEXT, \"points_by_level\" TEXT, \"by_int\" TEXT, \"by_long\" TEXT, \"matrix\" TEXT, \"order\" TEXT, \"_origin\" TEXT NOT NULL DEFAULT 'local', \"_pending\" INTEGER NOT NULL DEFAULT 0)",
        "CREATE UNIQUE INDEX IF NOT EXISTS \"all_types_text_count\" ON \"AllTypes\" (\"text\", \"count\")",
        "CREATE INDEX IF NOT EXISTS \"AllTypes_order_idx\" ON \"AllTypes\" (\"order\")");

    static final String FINGERPRINT = "aa1ab4da4cb82424";

    private AllTypes_Table() {
    }
}
