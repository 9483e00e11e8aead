package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.BooleanColumn;
import dev.eventsourced.db.Column;
import dev.eventsourced.db.ComparableColumn;
import dev.eventsourced.db.ListColumn;
import dev.eventsourced.db.StringColumn;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.spi.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The columns of {@link AllTypes}, for queries: {@code AllTypesRepository.query().where(...)}.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class AllTypes_ {
    /**
     * The {@code id} column, {@link AllTypes#id()}.
     */
    public static final StringColumn<AllTypes> ID = new StringColumn<>("id", "id", AllTypes::id);

    /**
     * The {@code text} column, {@link AllTypes#text()}.
     */
    public static final StringColumn<AllTypes> TEXT = new StringColumn<>("text", "text", AllTypes::text);

    /**
     * The {@code flag} column, {@link AllTypes#flag()}.
     */
    public static final BooleanColumn<AllTypes> FLAG = new BooleanColumn<>("flag", "flag", AllTypes::flag);

    /**
     * The {@code flag_box} column, {@link AllTypes#flagBox()}.
     */
    public static final BooleanColumn<AllTypes> FLAG_BOX = new BooleanColumn<>("flagBox", "flag_box", AllTypes::flagBox);

    /**
     * The {@code tiny} column, {@link AllTypes#tiny()}.
     */
    public static final ComparableColumn<AllTypes, Byte> TINY = new ComparableColumn<>("tiny", "tiny", ColumnType.INTEGER, AllTypes::tiny);

    /**
     * The {@code tiny_box} column, {@link AllTypes#tinyBox()}.
     */
    public static final ComparableColumn<AllTypes, Byte> TINY_BOX = new ComparableColumn<>("tinyBox", "tiny_box", ColumnType.INTEGER, AllTypes::tinyBox);

    /**
     * The {@code small} column, {@link AllTypes#small()}.
     */
    public static final ComparableColumn<AllTypes, Short> SMALL = new ComparableColumn<>("small", "small", ColumnType.INTEGER, AllTypes::small);

    /**
     * The {@code small_box} column, {@link AllTypes#smallBox()}.
     */
    public static final ComparableColumn<AllTypes, Short> SMALL_BOX = new ComparableColumn<>("smallBox", "small_box", ColumnType.INTEGER, AllTypes::smallBox);

    /**
     * The {@code count} column, {@link AllTypes#count()}.
     */
    public static final ComparableColumn<AllTypes, Integer> COUNT = new ComparableColumn<>("count", "count", ColumnType.INTEGER, AllTypes::count);

    /**
     * The {@code count_box} column, {@link AllTypes#countBox()}.
     */
    public static final ComparableColumn<AllTypes, Integer> COUNT_BOX = new ComparableColumn<>("countBox", "count_box", ColumnType.INTEGER, AllTypes::countBox);

    /**
     * The {@code big} column, {@link AllTypes#big()}.
     */
    public static final ComparableColumn<AllTypes, Long> BIG = new ComparableColumn<>("big", "big", ColumnType.INTEGER, AllTypes::big);

    /**
     * The {@code big_box} column, {@link AllTypes#bigBox()}.
     */
    public static final ComparableColumn<AllTypes, Long> BIG_BOX = new ComparableColumn<>("bigBox", "big_box", ColumnType.INTEGER, AllTypes::bigBox);

    /**
     * The {@code ratio} column, {@link AllTypes#ratio()}.
     */
    public static final ComparableColumn<AllTypes, Float> RATIO = new ComparableColumn<>("ratio", "ratio", ColumnType.REAL, AllTypes::ratio);

    /**
     * The {@code ratio_box} column, {@link AllTypes#ratioBox()}.
     */
    public static final ComparableColumn<AllTypes, Float> RATIO_BOX = new ComparableColumn<>("ratioBox", "ratio_box", ColumnType.REAL, AllTypes::ratioBox);

    /**
     * The {@code amount} column, {@link AllTypes#amount()}.
     */
    public static final ComparableColumn<AllTypes, Double> AMOUNT = new ComparableColumn<>("amount", "amount", ColumnType.REAL, AllTypes::amount);

    /**
     * The {@code amount_box} column, {@link AllTypes#amountBox()}.
     */
    public static final ComparableColumn<AllTypes, Double> AMOUNT_BOX = new ComparableColumn<>("amountBox", "amount_box", ColumnType.REAL, AllTypes::amountBox);

    /**
     * The {@code letter} column, {@link AllTypes#letter()}.
     */
    public static final ComparableColumn<AllTypes, Character> LETTER = new ComparableColumn<>("letter", "letter", ColumnType.CHAR, AllTypes::letter);

    /**
     * The {@code letter_box} column, {@link AllTypes#letterBox()}.
     */
    public static final ComparableColumn<AllTypes, Character> LETTER_BOX = new ComparableColumn<>("letterBox", "letter_box", ColumnType.CHAR, AllTypes::letterBox);

    /**
     * The {@code level} column, {@link AllTypes#level()}.
     */
    public static final Column<AllTypes, AllTypes.Level> LEVEL = new Column<>("level", "level", ColumnType.ENUM, AllTypes::level);

    /**
     * The {@code uuid} column, {@link AllTypes#uuid()}.
     */
    public static final ComparableColumn<AllTypes, UUID> UUID = new ComparableColumn<>("uuid", "uuid", ColumnType.UUID, AllTypes::uuid);

    /**
     * The {@code at} column, {@link AllTypes#at()}.
     */
    public static final ComparableColumn<AllTypes, Instant> AT = new ComparableColumn<>("at", "at", ColumnType.INSTANT, AllTypes::at);

    /**
     * The {@code day} column, {@link AllTypes#day()}.
     */
    public static final ComparableColumn<AllTypes, LocalDate> DAY = new ComparableColumn<>("day", "day", ColumnType.LOCAL_DATE, AllTypes::day);

    /**
     * The {@code price} column, {@link AllTypes#price()}.
     */
    public static final ComparableColumn<AllTypes, BigDecimal> PRICE = new ComparableColumn<>("price", "price", ColumnType.BIG_DECIMAL, AllTypes::price);

    /**
     * The {@code data} column, {@link AllTypes#data()}.
     */
    public static final Column<AllTypes, byte[]> DATA = new Column<>("data", "data", ColumnType.BYTES, AllTypes::data);

    /**
     * The {@code note} column, {@link AllTypes#note()}.
     */
    public static final StringColumn<AllTypes> NOTE = new StringColumn<>("note", "note", row -> row.note().orElse(null));

    /**
     * The {@code maybe_count} column, {@link AllTypes#maybeCount()}.
     */
    public static final ComparableColumn<AllTypes, Integer> MAYBE_COUNT = new ComparableColumn<>("maybeCount", "maybe_count", ColumnType.INTEGER, row -> row.maybeCount().orElse(null));

    /**
     * The {@code maybe_level} column, {@link AllTypes#maybeLevel()}.
     */
    public static final Column<AllTypes, AllTypes.Level> MAYBE_LEVEL = new Column<>("maybeLevel", "maybe_level", ColumnType.ENUM, row -> row.maybeLevel().orElse(null));

    /**
     * The {@code maybe_point} column, {@link AllTypes#maybePoint()}.
     */
    public static final Column<AllTypes, AllTypes.Point> MAYBE_POINT = new Column<>("maybePoint", "maybe_point", ColumnType.JSON, row -> row.maybePoint().orElse(null));

    /**
     * The {@code point} column, {@link AllTypes#point()}.
     */
    public static final Column<AllTypes, AllTypes.Point> POINT = new Column<>("point", "point", ColumnType.JSON, AllTypes::point);

    /**
     * The {@code tags} column, {@link AllTypes#tags()}.
     */
    public static final ListColumn<AllTypes, List<String>, String> TAGS = new ListColumn<>("tags", "tags", AllTypes::tags);

    /**
     * The {@code levels} column, {@link AllTypes#levels()}.
     */
    public static final ListColumn<AllTypes, Set<AllTypes.Level>, AllTypes.Level> LEVELS = new ListColumn<>("levels", "levels", AllTypes::levels);

    /**
     * The {@code scores} column, {@link AllTypes#scores()}.
     */
    public static final Column<AllTypes, Map<String, Integer>> SCORES = new Column<>("scores", "scores", ColumnType.JSON, AllTypes::scores);

    /**
     * The {@code points_by_id} column, {@link AllTypes#pointsById()}.
     */
    public static final Column<AllTypes, Map<UUID, AllTypes.Point>> POINTS_BY_ID = new Column<>("pointsById", "points_by_id", ColumnType.JSON, AllTypes::pointsById);

    /**
     * The {@code points_by_level} column, {@link AllTypes#pointsByLevel()}.
     */
    public static final Column<AllTypes, Map<AllTypes.Level, List<AllTypes.Point>>> POINTS_BY_LEVEL = new Column<>("pointsByLevel", "points_by_level", ColumnType.JSON, AllTypes::pointsByLevel);

    /**
     * The {@code by_int} column, {@link AllTypes#byInt()}.
     */
    public static final Column<AllTypes, Map<Integer, String>> BY_INT = new Column<>("byInt", "by_int", ColumnType.JSON, AllTypes::byInt);

    /**
     * The {@code by_long} column, {@link AllTypes#byLong()}.
     */
    public static final Column<AllTypes, Map<Long, Boolean>> BY_LONG = new Column<>("byLong", "by_long", ColumnType.JSON, AllTypes::byLong);

    /**
     * The {@code matrix} column, {@link AllTypes#matrix()}.
     */
    public static final Column<AllTypes, List<List<Double>>> MATRIX = new Column<>("matrix", "matrix", ColumnType.JSON, AllTypes::matrix);

    /**
     * The {@code order} column, {@link AllTypes#order()}.
     */
    public static final StringColumn<AllTypes> ORDER = new StringColumn<>("order", "order", AllTypes::order);

    /**
     * True when no pending local event touches the row: it is in sync with the server.
     */
    public static final BooleanColumn<AllTypes> SYNCED = Column.synced();

    /**
     * Who wrote the row's visible value: this database or a pulled event.
     */
    public static final Column<AllTypes, Origin> ORIGIN = Column.origin();

    private AllTypes_() {
    }
}
