package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.Draft;
import javax.annotation.processing.Generated;

/**
 * A mutable copy of a {@link Todo} for {@link TodoRepository#update}: the setters change components, and the update event lists the ones that were set.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class TodoDraft implements Draft<Todo> {
    private final String id;

    private String userId;

    private String title;

    private Todo.Status status;

    private long createdAt;

    private long updatedAt;

    private long changed;

    TodoDraft(Todo row) {
        this.id = row.id();
        this.userId = row.userId();
        this.title = row.title();
        this.status = row.status();
        this.createdAt = row.createdAt();
        this.updatedAt = row.updatedAt();
    }

    /**
     * The current value of {@link Todo#id()}.
     */
    public String id() {
        return id;
    }

    /**
     * Sets {@link Todo#userId()}.
     */
    public TodoDraft userId(String userId) {
        this.userId = userId;
        changed |= 1L << 1;
        return this;
    }

    /**
     * The current value of {@link Todo#userId()}.
     */
    public String userId() {
        return userId;
    }

    /**
     * Sets {@link Todo#title()}.
     */
    public TodoDraft title(String title) {
        this.title = title;
        changed |= 1L << 2;
        return this;
    }

    /**
     * The current value of {@link Todo#title()}.
     */
    public String title() {
        return title;
    }

    /**
     * Sets {@link Todo#status()}.
     */
    public TodoDraft status(Todo.Status status) {
        this.status = status;
        changed |= 1L << 3;
        return this;
    }

    /**
     * The current value of {@link Todo#status()}.
     */
    public Todo.Status status() {
        return status;
    }

    /**
     * Sets {@link Todo#createdAt()}.
     */
    public TodoDraft createdAt(long createdAt) {
        this.createdAt = createdAt;
        changed |= 1L << 4;
        return this;
    }

    /**
     * The current value of {@link Todo#createdAt()}.
     */
    public long createdAt() {
        return createdAt;
    }

    /**
     * Sets {@link Todo#updatedAt()}.
     */
    public TodoDraft updatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
        changed |= 1L << 5;
        return this;
    }

    /**
     * The current value of {@link Todo#updatedAt()}.
     */
    public long updatedAt() {
        return updatedAt;
    }

    /**
     * A new {@link Todo} holding the draft's current values.
     */
    @Override
    public Todo build() {
        return new Todo(id, userId, title, status, createdAt, updatedAt);
    }

    /**
     * The positions of the components whose setters were called, as a bit set.
     */
    @Override
    public long changedColumns() {
        return changed;
    }
}
