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
final class Todo_Table {
    static final List<ColumnInfo> COLUMNS = List.of(
        new ColumnInfo("id", "id", ColumnType.STRING, false, true),
        new ColumnInfo("userId", "user_id", ColumnType.STRING, true, false),
        new ColumnInfo("title", "title", ColumnType.STRING, true, false),
        new ColumnInfo("status", "status", ColumnType.ENUM, true, false),
        new ColumnInfo("createdAt", "created_at", ColumnType.INTEGER, false, false),
        new ColumnInfo("updatedAt", "updated_at", ColumnType.INTEGER, false, false));

    static final List<String> DDL = List.of(
        "CREATE TABLE IF NOT EXISTS \"todos\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"user_id\" TEXT, \"title\" TEXT, \"status\" TEXT, \"created_at\" INTEGER NOT NULL, \"updated_at\" INTEGER NOT NULL, \"_origin\" TEXT NOT NULL DEFAULT 'local', \"_pending\" INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS \"todos_user_id_created_at_idx\" ON \"todos\" (\"user_id\", \"created_at\")",
        "CREATE INDEX IF NOT EXISTS \"todos_user_id_idx\" ON \"todos\" (\"user_id\")");

    static final String FINGERPRINT = "b557db4af654ccef";

    private Todo_Table() {
    }
}
