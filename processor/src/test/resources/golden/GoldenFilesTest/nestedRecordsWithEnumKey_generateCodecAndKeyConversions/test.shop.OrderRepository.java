package test.shop;

import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.EventSourcedDb;
import dev.eventsourced.db.RepositoryBase;
import dev.eventsourced.db.exception.NotFoundException;
import dev.eventsourced.db.spi.CollectionDefinition;
import java.util.function.Consumer;
import javax.annotation.processing.Generated;

/**
 * The repository of {@link PurchaseOrder} rows: the {@code orders} collection. Every insert, update and delete through it is logged as an event in the same transaction.
 */
@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
public final class OrderRepository extends RepositoryBase<PurchaseOrder, PurchaseOrder.Region> {
    /**
     * The definition of the {@code orders} collection, to register with {@link EventSourcedDb#builder()}.
     */
    public static final CollectionDefinition<PurchaseOrder, PurchaseOrder.Region> COLLECTION = Order_Collection.INSTANCE;

    private OrderRepository(EventSourcedDb db) {
        super(db, COLLECTION);
    }

    /**
     * The repository of {@link PurchaseOrder} rows in {@code db}.
     */
    public static OrderRepository of(EventSourcedDb db) {
        return new OrderRepository(db);
    }

    /**
     * Changes the named components of the {@link PurchaseOrder} with key {@code region}: {@code change} sets them on a {@link OrderDraft}, and the update event lists them.
     *
     * @return the updated row
     * @throws NotFoundException when no row has that key
     */
    public PurchaseOrder update(PurchaseOrder.Region region, Consumer<OrderDraft> change) {
        return update(region, OrderDraft::new, change);
    }
}
