package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.BooleanColumn;
import dev.eventsourced.db.Column;
import dev.eventsourced.db.ComparableColumn;
import dev.eventsourced.db.StringColumn;
import dev.eventsourced.db.event.Origin;
import dev.eventsourced.db.spi.ColumnType;
import javax.annotation.processing.Generated;

/**
 * The columns of {@link Todo}, for queries: {@code TodoRepository.query().where(...)}.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class Todo_ {
    /**
     * The {@code id} column, {@link Todo#id()}.
     */
    public static final StringColumn<Todo> ID = new StringColumn<>("id", "id", Todo::id);

    /**
     * The {@code user_id} column, {@link Todo#userId()}.
     */
    public static final StringColumn<Todo> USER_ID = new StringColumn<>("userId", "user_id", Todo::userId);

    /**
     * The {@code title} column, {@link Todo#title()}.
     */
    public static final StringColumn<Todo> TITLE = new StringColumn<>("title", "title", Todo::title);

    /**
     * The {@code status} column, {@link Todo#status()}.
     */
    public static final Column<Todo, Todo.Status> STATUS = new Column<>("status", "status", ColumnType.ENUM, Todo::status);

    /**
     * The {@code created_at} column, {@link Todo#createdAt()}.
     */
    public static final ComparableColumn<Todo, Long> CREATED_AT = new ComparableColumn<>("createdAt", "created_at", ColumnType.INTEGER, Todo::createdAt);

    /**
     * The {@code updated_at} column, {@link Todo#updatedAt()}.
     */
    public static final ComparableColumn<Todo, Long> UPDATED_AT = new ComparableColumn<>("updatedAt", "updated_at", ColumnType.INTEGER, Todo::updatedAt);

    /**
     * True when no pending local event touches the row: it is in sync with the server.
     */
    public static final BooleanColumn<Todo> SYNCED = Column.synced();

    /**
     * Who wrote the row's visible value: this database or a pulled event.
     */
    public static final Column<Todo, Origin> ORIGIN = Column.origin();

    private Todo_() {
    }
}
