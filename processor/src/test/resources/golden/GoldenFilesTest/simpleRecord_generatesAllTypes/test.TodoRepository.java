package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.RepositoryBase;
import dev.eventsourced.db.exception.NotFoundException;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * Something to do.
 *
 * <p>The repository of {@link Todo} rows: the {@code todos} collection. Every insert, update and delete through it is logged as an event in the same transaction.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class TodoRepository extends RepositoryBase<Todo, String> {
    /**
     * The definition of the {@code todos} collection, to register with {@link EventSourcedDb#builder()}.
     */
    public static final CollectionDefinition<Todo, String> COLLECTION = Todo_Collection.INSTANCE;

    private TodoRepository(EventSourcedDb db) {
        super(db, COLLECTION);
    }

    /**
     * The repository of {@link Todo} rows in {@code db}.
     */
    public static TodoRepository of(EventSourcedDb db) {
        return new TodoRepository(db);
    }

    /**
     * Changes the named components of the {@link Todo} with key {@code id}: {@code change} sets them on a {@link TodoDraft}, and the update event lists them.
     *
     * @return the updated row
     * @throws NotFoundException when no row has that key
     */
    public Todo update(String id, Consumer<TodoDraft> change) {
        return update(id, TodoDraft::new, change);
    }
}
