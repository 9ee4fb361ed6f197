/** Lifecycle events of the order and PO flows: built from the stored views, published once each to Kafka. */
export { lifecycleEventId } from './event-id';
export { orderLifecycleEvents } from './order-events';
export { purchaseLifecycleEvents } from './purchase-events';
export {
  EVENT_ID_HEADER,
  LIFECYCLE_MARKS_COLLECTION,
  SCHEMA_HEADER,
  createLifecyclePublisher,
  lifecycleEventKey,
} from './publisher';
export type { LifecyclePublisher, LifecyclePublisherOptions } from './publisher';
