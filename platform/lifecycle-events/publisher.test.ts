import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { loadFixture } from '../../canonical-model/fixtures/load-fixture';
import type { LifecycleEvent } from '../../canonical-model/generated/index';
import { createLogger } from '../../monitoring/logger';
import { openTestDatabase } from '../../test/support/database';
import { lifecycleEventId } from './event-id';
import { openLifecycleTopic } from './testing';
import type { LifecycleTopic } from './testing';

// The publisher against the real broker and the real MongoDB-wire server.
const lines: string[] = [];
const logger = createLogger('test', 'error', { write: (line: string) => void lines.push(line) });
let client: MongoClient;
let db: Db;
let lc: LifecycleTopic;

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_lifecycle_publisher'));
  lc = await openLifecycleTopic('publisher', db, logger);
}, 60_000);

afterAll(async () => {
  await lc?.close();
  await db?.dropDatabase();
  await client?.close();
});

/** A valid event of order `orderId` (the canonical fixture, renumbered). */
function shippedEvent(orderId: string, shipmentId: string): LifecycleEvent {
  const event = loadFixture('lifecycle-event');
  return {
    ...event,
    id: lifecycleEventId(orderId, 'sales-order.shipped', shipmentId),
    salesOrderId: orderId,
    stageInstance: shipmentId,
    detail: { ...event.detail, shipmentId },
  };
}

describe('lifecycle publisher', () => {
  it('logs and counts an event that fails its schema, sends the valid ones, and does not fail the step', async () => {
    const orderId = `so_pub_${Date.now()}`;
    const good = shippedEvent(orderId, `${orderId}.s1`);
    const unnumbered: Partial<LifecycleEvent> = shippedEvent(orderId, `${orderId}.s2`);
    delete unnumbered.shipmentNumber;
    const later = shippedEvent(orderId, `${orderId}.s3`);

    await expect(lc.publisher.publish([good, unnumbered as LifecycleEvent, later])).resolves.toBeUndefined();

    const read = await lc.waitFor('two events', (r) => r.filter((e) => e.key === orderId).length >= 2);
    expect(read.filter((e) => e.key === orderId).map((e) => e.event.id)).toEqual([good.id, later.id]);
    expect(lc.invalid.get('sales-order.shipped')).toBe(1);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        eventId: unnumbered.id,
        msg: expect.stringMatching(/does not match its schema/) as unknown,
        errors: expect.arrayContaining([
          expect.objectContaining({ message: expect.stringMatching(/shipmentNumber/) as unknown }),
        ]) as unknown,
      }),
    );
  });
});
