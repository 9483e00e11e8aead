package test;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.Draft;
import javax.annotation.processing.Generated;

/**
 * A mutable copy of a {@link Todo} for {@link TodoRepository#update}: the setters change components, and the update event lists the ones whose values changed.
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
}
