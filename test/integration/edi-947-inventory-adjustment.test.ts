/**
 * Issue 8: an EDI 947 (warehouse inventory adjustment advice) from a 3PL reaches the stock ledger the way a WMS
 * movement does. Real Kafka, FerretDB and OpenSSH, the worker and API as processes; the test plays the 3PL and
 * drops its files on the stack's SFTP server, where the hub's EDI connector polls. Each 947 line becomes an
 * InventoryMovement on `hub.inbound-events.v1`, the inventory bridge puts it on `hub.inventory-movements.v1`, and
 * the ledger intake applies it at the warehouse the 3PL runs — read back through `GET /v1/inventory/{sku}`.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from 'node-rdkafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../monitoring/logger';
import { COLLECTIONS } from '../../platform/collections';
import { loadConfig } from '../../platform/config';
import { headerValue, runConsumer } from '../../platform/kafka';
import type { RunningConsumer } from '../../platform/kafka';
import { TOPICS } from '../../platform/kafka-topics';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import { partnerBody, sftpFolders } from '../support/edi';
import type { SftpFolders } from '../support/edi';
import { registerConnector, startHubHarness } from '../support/hub-harness';
import type { HubHarness } from '../support/hub-harness';
import { eventually } from '../support/processes';

/** The hub location the 3PL runs (the partner profile's partyId). */
const LOCATION = 'loc_3pl_east';
/** A valid UPC that is no hub SKU: the 3PL names an item the hub cannot place. */
const UNKNOWN_UPC = '036000291452';

let h: HubHarness;
let folders: SftpFolders;
let connectorId: string;
let reader: RunningConsumer | undefined;
/** Copies seen on the movement stream, by event id (the movement id). */
const copies = new Map<string, number>();
const run = randomUUID().slice(0, 6).toUpperCase();
const skuA = `E947-${run}-A`;
const skuB = `E947-${run}-B`;
let control = 800000 + (Date.now() % 99999);

/** A 947 from the 3PL (EAST3PL → DISTRIB): W15 with `adjustment`, N1*WH, one W19 per line. */
function interchange947(isa: number, adjustment: string, lines: string[]): Buffer {
  const isa13 = String(isa).padStart(9, '0');
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const segments = [
    'ST*947*0001',
    `W15*${day}*${adjustment}*DEP${adjustment}`,
    'N1*WH*EAST COAST 3PL*92*EAST1',
    ...lines,
    `SE*${lines.length + 4}*0001`,
  ];
  return Buffer.from(
    [
      `ISA*00*          *00*          *ZZ*EAST3PL        *ZZ*DISTRIB        *${day.slice(2)}*0930*U*00401*${isa13}*0*P*>`,
      `GS*AW*EAST3PL*DISTRIB*${day}*0930*${isa}*X*004010`,
      ...segments,
      `GE*1*${isa}`,
      `IEA*1*${isa13}`,
    ].join('~\n') + '~\n',
  );
}

type Position = { locationId: string; onHand: string; onHold: string };

/** The SKU's position at the 3PL's warehouse through the API. */
async function position(sku: string): Promise<Position | undefined> {
  const res = await h.call<{ locations: Position[] }>('GET', `/v1/inventory/${sku}?locationId=${LOCATION}`);
  if (res.status !== 200) throw new Error(`GET /v1/inventory/${sku}: ${res.status}`);
  return res.body.locations.find((l) => l.locationId === LOCATION);
}

/** Waits until both SKUs show these on-hand / on-hold figures at the 3PL's warehouse. */
async function untilFigures(a: string, b: string, bHeld: string) {
  return eventually(
    `${skuA} ${a}, ${skuB} ${b} (held ${bHeld}) at ${LOCATION}`,
    async () => {
      const [pa, pb] = [await position(skuA), await position(skuB)];
      if (pa?.onHand === a && pb?.onHand === b && pb.onHold === bHeld) return { a: pa, b: pb };
      // Said on a time-out: where the figures stopped, and what was parked.
      const parked = await h.db
        .collection<{ step: string; error: { message: string } }>(COLLECTIONS.deadLetters)
        .find({})
        .limit(3)
        .toArray();
      throw new Error(
        `now ${JSON.stringify({ a: pa, b: pb })}; parked ${JSON.stringify(parked.map((d) => [d.step, d.error.message]))}`,
      );
    },
    90_000,
    500,
  );
}

type InterchangeItem = { id: string; controlNumber: string; status: string };

/** Waits for the interchange with ISA13 `isa` to reach one of `statuses`. */
async function untilInterchange(isa: number, statuses: string[]) {
  return eventually(
    `interchange ${isa} ${statuses.join('/')}`,
    async () => {
      const res = await h.call<{ items: InterchangeItem[] }>(
        'GET',
        `/v1/edi/interchanges?connectorId=${connectorId}&direction=inbound&limit=50`,
      );
      return res.body.items.find((i) => Number(i.controlNumber) === isa && statuses.includes(i.status));
    },
    90_000,
    500,
  );
}

/** The ids of the documents the sets of an interchange became. */
async function documentIds(interchangeId: string): Promise<string[]> {
  const res = await h.call<{ items: { status: string; documents: { id: string }[] }[] }>(
    'GET',
    `/v1/edi/transaction-sets?interchangeId=${interchangeId}`,
  );
  expect(res.body.items.map((s) => s.status)).toEqual(['accepted']);
  return res.body.items.flatMap((s) => s.documents.map((d) => d.id));
}

beforeAll(async () => {
  h = await startHubHarness('edi947', []);
  folders = await sftpFolders();
  connectorId = await registerConnector(h.call, 'edi-x12-sftp', {
    ...folders.config,
    pollIntervalSeconds: 5,
  });
  const partner = await h.call(
    'POST',
    '/v1/trading-partners',
    partnerBody(connectorId, {
      name: 'East Coast 3PL',
      role: '3pl',
      partyId: LOCATION,
      partner: { isa: { qualifier: 'ZZ', id: 'EAST3PL' }, gsId: 'EAST3PL' },
      productIdQualifiers: ['SK', 'UP'],
      sets: [
        { set: '940', direction: 'outbound' },
        { set: '947', direction: 'inbound' },
        { set: '997', direction: 'inbound' },
      ],
    }),
  );
  if (partner.status !== 201) throw new Error(`partner: ${partner.status} ${JSON.stringify(partner.body)}`);
  // What the 3PL held before its adjustments: 100 of A, 40 of B, counted three days ago (the ledger leaves out a
  // movement that happened before its count — the count has it already — and a 947 is dated by day only).
  const ledger = createStockLedger(h.db);
  const asOf = new Date(Date.now() - 3 * 86_400_000).toISOString();
  for (const [sku, onHand] of [
    [skuA, '100'],
    [skuB, '40'],
  ] as const)
    await ledger.setStock({ opId: `test-947/${sku}`, sku, locationId: LOCATION, onHand, held: '0', asOf });
  // Counts the copies of each movement on the stream (its own group, from the start of the topic).
  reader = await runConsumer({
    kafka: loadConfig().kafka,
    groupId: `test-947-reader.${run}`,
    topics: [TOPICS.inventoryMovements.name],
    handle: (m: Message) => {
      const id = headerValue(m, 'event-id');
      if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
      return Promise.resolve();
    },
    logger: createLogger('test', 'silent'),
  });
}, 180_000);

afterAll(async () => {
  await reader?.stop();
  await h?.stop();
});

describe('EDI 947 inventory adjustments from a 3PL', { timeout: 240_000 }, () => {
  const adjustment = `ADJ${run}`;
  const lines = [
    `W19*AU*-5*EA**SK*${skuA}`, // damaged in the warehouse: 5 fewer
    `W19*05*-3*EA**SK*${skuB}`, // 3 put on hold (still on hand)
    `W19*56*7*EA**SK*${skuB}`, // book adjustment increase: 7 more
  ];
  const first = (control += 1);
  const file = interchange947(first, adjustment, lines);

  it('a 947 dropped on the SFTP server ends as adjustments of the 3PL warehouse in GET /v1/inventory', async () => {
    await folders.drop(`947-${first}.x12`, file);
    const { a, b } = await untilFigures('95', '47', '3');
    expect(a).toMatchObject({ onHand: '95', onHold: '0' });
    expect(b).toMatchObject({ onHand: '47', onHold: '3' });
  });

  it('the same file delivered twice, and the same adjustment re-sent in a new file, change nothing', async () => {
    // The same bytes again: the interchange is a duplicate and none of its sets is given to the flows.
    await folders.drop(`947-${first}-again.x12`, file);
    await untilInterchange(first, ['duplicate']);

    // The 3PL re-sends adjustment ADJ… in a new interchange: its movements reach the stream again, same ids.
    const resent = (control += 1);
    await folders.drop(`947-${resent}.x12`, interchange947(resent, adjustment, lines));
    const accepted = await untilInterchange(resent, ['accepted']);
    const ids = await documentIds(accepted.id);
    expect(ids).toHaveLength(3);
    await eventually('both copies of each movement on the stream', () =>
      ids.every((id) => (copies.get(id) ?? 0) >= 2) ? true : undefined,
    );

    // A new adjustment of both items after the copies, on the same keys (so the ledger reads it after them): once
    // it shows, the copies were read — and applied nothing.
    const next = (control += 1);
    await folders.drop(
      `947-${next}.x12`,
      interchange947(next, `${adjustment}N`, [`W19*AB*1*EA**SK*${skuA}`, `W19*AB*1*EA**SK*${skuB}`]),
    );
    const { a, b } = await untilFigures('96', '48', '3');
    expect([a.onHand, b.onHand, b.onHold]).toEqual(['96', '48', '3']);
  });

  it('a line whose item the hub cannot place is dead-lettered naming it; the other line is applied', async () => {
    const isa = (control += 1);
    await folders.drop(
      `947-${isa}.x12`,
      interchange947(isa, `${adjustment}U`, [`W19*AU*-4*EA**UP*${UNKNOWN_UPC}`, `W19*AU*-2*EA**SK*${skuA}`]),
    );
    const accepted = await untilInterchange(isa, ['accepted']);
    const [unknownId] = await documentIds(accepted.id);
    const parked = await eventually('the unknown item parked', () =>
      h.db
        .collection<{ step: string; error: { message: string }; payload?: unknown }>(COLLECTIONS.deadLetters)
        .findOne({ 'businessKeys.movementId': unknownId })
        .then((d) => d ?? undefined),
    );
    expect(parked.step).toBe('movement-normalize');
    expect(parked.error.message).toContain(`UPC ${UNKNOWN_UPC}`);
    expect(parked.payload).toBeTruthy();
    const { a } = await untilFigures('94', '48', '3');
    expect(a.onHand).toBe('94');
  });
});
