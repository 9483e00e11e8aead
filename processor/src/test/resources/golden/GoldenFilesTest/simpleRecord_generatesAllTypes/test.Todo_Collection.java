package test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.CollectionDefinition;
import dev.eventsourced.db.spi.ColumnInfo;
import dev.eventsourced.db.spi.SqlValues;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The {@code todos} collection of {@link Todo} records, as the runtime sees it. Generated; not for hand use: use {@link TodoRepository#COLLECTION}.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class Todo_Collection implements CollectionDefinition<Todo, String> {
    /**
     * The one instance.
     */
    public static final Todo_Collection INSTANCE = new Todo_Collection();

    /**
     * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
     */
    public Todo_Collection() {
    }

    @Override
    public String collectionId() {
        return "todos";
    }

    @Override
    public String tableName() {
        return "todos";
    }

    @Override
    public Class<Todo> recordType() {
        return Todo.class;
    }

    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public List<String> ddl() {
        return Todo_Table.DDL;
    }

    @Override
    public String fingerprint() {
        return Todo_Table.FINGERPRINT;
    }

    @Override
    public List<ColumnInfo> columns() {
        return Todo_Table.COLUMNS;
    }

    @Override
    public int keyColumn() {
        return 0;
    }

    @Override
    public int columnIndex(String component) {
        return switch (component) {
            case "id" -> 0;
            case "userId" -> 1;
            case "title" -> 2;
            case "status" -> 3;
            case "createdAt" -> 4;
            case "updatedAt" -> 5;
            default -> -1;
        };
    }

    @Override
    public String keyOf(Todo row) {
        return row.id();
    }

    @Override
    public String keyToString(String key) {
        return key;
    }

    @Override
    public String keyFromString(String key) {
        if (key == null) {
            throw new IllegalArgumentException("null is not a key of collection todos");
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
    public void bindColumn(PreparedStatement statement, int parameterIndex, Todo row, int column)
            throws SQLException {
        switch (column) {
            case 0 -> SqlValues.bindString(statement, parameterIndex, row.id());
            case 1 -> SqlValues.bindString(statement, parameterIndex, row.userId());
            case 2 -> SqlValues.bindString(statement, parameterIndex, row.title());
            case 3 -> SqlValues.bindEnum(statement, parameterIndex, row.status());
            case 4 -> statement.setLong(parameterIndex, row.createdAt());
            case 5 -> statement.setLong(parameterIndex, row.updatedAt());
            default -> throw new IndexOutOfBoundsException("column " + column + " of todos, which has 6 columns");
        }
    }

    @Override
    public Todo readRow(ResultSet resultSet, int firstColumn) throws SQLException {
        return new Todo(
                SqlValues.readString(resultSet, firstColumn),
                SqlValues.readString(resultSet, firstColumn + 1),
                SqlValues.readString(resultSet, firstColumn + 2),
                SqlValues.readEnum(resultSet, firstColumn + 3, Todo.Status.class),
                resultSet.getLong(firstColumn + 4),
                resultSet.getLong(firstColumn + 5));
    }

    @Override
    public Object componentValue(Todo row, int column) {
        return switch (column) {
            case 0 -> row.id();
            case 1 -> row.userId();
            case 2 -> row.title();
            case 3 -> row.status();
            case 4 -> row.createdAt();
            case 5 -> row.updatedAt();
            default -> throw new IndexOutOfBoundsException("column " + column + " of todos, which has 6 columns");
        };
    }

    @Override
    public Todo newRow(Object[] values) {
        return new Todo(
                (String) values[0],
                (String) values[1],
                (String) values[2],
                (Todo.Status) values[3],
                (long) values[4],
                (long) values[5]);
    }

    @Override
    public void writePayload(JsonGenerator json, Todo row) throws IOException {
        Todo_Codec.write(json, row);
    }

    @Override
    public Todo readPayload(JsonParser json) throws IOException {
        return Todo_Codec.read(json);
    }
}
