package dev.eventsourced.test;

/**
 * What a {@link TestBackend} can do to one push or pull between a device and the backend, drawn at
 * random by {@link Faults} or scheduled with {@link TestTransport#failNextPush} and {@link
 * TestTransport#failNextPull}. In every case the device's transport call either returns the
 * backend's true answer or throws {@link dev.eventsourced.db.exception.SyncException}, as a real
 * network would.
 */
public enum Fault {

  /** The request never reaches the backend: nothing is applied, the device gets an exception. */
  LOST_REQUEST,

  /**
   * The backend handles the request (a push is stored) but the answer is lost: the device gets an
   * exception and must push again, which the backend answers with the same sequence numbers.
   */
  LOST_RESPONSE,

  /**
   * A push is delivered twice: the backend applies it two times in a row and the device gets the
   * second answer, which must equal the first. On a pull it is a pull served twice.
   */
  DUPLICATE,

  /**
   * A push is held in the network: the device's call times out (an exception) and the backend
   * receives the push later, right after the next push another device gets through, so that the two
   * arrive in the opposite order to the one they were sent in. {@link TestBackend#heal()} and
   * {@link TestBackend#deliverHeld()} deliver what is still held. On a pull it is a lost response.
   */
  REORDER,

  /**
   * The backend restarts while the request is in flight: the request fails before it is applied
   * (its transaction rolls back), the device gets an exception, and everything stored before is
   * still there.
   */
  RESTART
}
