/**
 * Transfer orders end to end: the real workflow on a time-skipping Temporal server, the real activities over the
 * FerretDB stock ledger and the ShipHero simulator behind the real WMS connector, the simulator's webhooks mapped
 * by the connector and routed by the transfer intake, and the movements the activities publish applied by the
 * real movement intake. Positions are read as `GET /v1/inventory/{sku}` reads them.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutActivityInputs, writeFormatted } from '../../test/support/history-files';
import { historyToJson } from '../../test/support/history-json';
import { readInventoryPositions } from '../../inventory/positions';
import { validateTransferRequest } from '../../platform/transfers/validate-request';
import { transferStatusQuery } from '../../workflows/transfer-order/messages';
import { transferAsnId, transferWorkflowId } from '../../workflows/transfer-order/types';
import type { TransferOrderInput, TransferView } from '../../workflows/transfer-order/types';
import type { transferOrderWorkflow } from '../../workflows/transfer-order/workflow';
import { waitForQuery } from '../../test/support/time-skipping';
import { IDS, startTransferWorld } from './test-world';
import type { TransferWorld } from './test-world';

// HUB_RECORD_HISTORIES=1 rewrites the replay fixtures in workflows/transfer-order/histories/ from the runs below.
const recordHistories = process.env.HUB_RECORD_HISTORIES === '1';
const HISTORIES = new URL('../../workflows/transfer-order/histories/', import.meta.url);

let world: TransferWorld;
let counter = 0;

beforeAll(async () => {
  world = await startTransferWorld();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

/** A fresh SKU position: Reno holds 50 of SKU-1001 in the ledger (as the simulator does). */
async function stockReno(onHand = '50'): Promise<void> {
  await world.ledger.setStock({
    sku: IDS.sku,
    locationId: IDS.reno,
    opId: `count/${Date.now()}/${(counter += 1)}`,
    onHand,
    held: '0',
    // A minute back: the WMS stamps its shipment to the second, and a movement older than the count moves nothing.
    asOf: new Date(Date.now() - 60_000 + counter).toISOString(),
  });
}

async function startTransfer(quantity = '20'): Promise<TransferOrderInput> {
  const checked = await validateTransferRequest(
    {
      legalEntityId: IDS.legalEntity,
      fromLocationId: IDS.reno,
      toLocationId: IDS.chicago,
      lines: [{ sku: IDS.sku, quantity }],
    },
    world.locations,
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const transferId = `trf_test${Date.now().toString(36)}${(counter += 1)}`;
  const input: TransferOrderInput = {
    ...checked.value,
    transferId,
    transferNumber: `TRF-${transferId.slice(-8).toUpperCase()}`,
    requestedAt: new Date().toISOString(),
    correlationId: `corr-${transferId}`,
  };
  await world.workflows.start(input);
  return input;
}

const handleOf = (input: TransferOrderInput) =>
  world.env.client.workflow.getHandle<typeof transferOrderWorkflow>(transferWorkflowId(input.transferId));

/** Keeps the finished run's history as a replay fixture (only when recording). */
async function record(input: TransferOrderInput, name: string): Promise<void> {
  if (!recordHistories) return;
  mkdirSync(HISTORIES, { recursive: true });
  const history = withoutActivityInputs(await handleOf(input).fetchHistory());
  await writeFormatted(new URL(`${name}.json`, HISTORIES).pathname, historyToJson(history), 'json');
}

const until = (input: TransferOrderInput, done: (v: TransferView) => boolean) =>
  waitForQuery(handleOf(input), transferStatusQuery, done, 'transfer', 30_000);

async function positions() {
  const read = await readInventoryPositions(world.ledger, IDS.sku, { locationIds: [IDS.reno, IDS.chicago] });
  const at = (id: string) => read.locations.find((l) => l.locationId === id)!;
  return { reno: at(IDS.reno), chicago: at(IDS.chicago) };
}

/** Routes webhooks until the transfer reaches `status` (the simulator ships on its own after its delay). */
async function routeUntil(input: TransferOrderInput, status: TransferView['status']): Promise<TransferView> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await world.routeWebhooks();
    const view = await handleOf(input).query(transferStatusQuery);
    if (view.status === status) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`transfer never reached ${status}`);
}

async function receive(input: TransferOrderInput, quantity: number): Promise<void> {
  const res = await fetch(`${world.wmsUrl}/__sim/receive-purchase-order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      partner_order_number: `${transferAsnId(input.transferId)}#${input.transferNumber}`,
      lines: [{ sku: IDS.sku, quantity }],
      close: true,
    }),
  });
  expect(res.status).toBe(200);
}

describe('transfer order Reno → Chicago', () => {
  it('reserves at Reno, puts the shipped units in transit to Chicago, and lands them there on receipt', async () => {
    await stockReno();
    const before = await positions();
    const input = await startTransfer('20');
    const released = await until(input, (v) => v.status === 'released');
    expect(released.release?.externalId).toBeTruthy();
    expect(released.expectedReceipt?.externalId).toBeTruthy();
    // Reserved: channels and orders cannot be promised these 20.
    const reserved = await positions();
    expect(reserved.reno.reserved).toBe('20');
    expect(reserved.reno.availableToPromise).toBe('30');

    const shipped = await routeUntil(input, 'in-transit');
    expect(shipped.lines[0]).toMatchObject({ shipped: '20', inTransit: '20', received: '0' });
    expect(await world.applyPublished()).toBe(1);
    const moving = await positions();
    expect(Number(moving.reno.onHand)).toBe(Number(before.reno.onHand) - 20);
    expect(moving.reno.reserved).toBe('0');
    expect(moving.chicago.inTransit).toBe(String(Number(before.chicago.inTransit) + 20));

    await receive(input, 20);
    const closed = await routeUntil(input, 'closed');
    expect(closed.lines[0]).toMatchObject({ received: '20', inTransit: '0' });
    expect(closed.exceptions).toEqual([]);
    await handleOf(input).result();
    await record(input, 'closed');
    expect(await world.applyPublished()).toBe(1);
    const landed = await positions();
    expect(Number(landed.chicago.onHand)).toBe(Number(before.chicago.onHand) + 20);
    expect(landed.chicago.inTransit).toBe(before.chicago.inTransit);
    // The store answers the API's read with the closed transfer and its timeline.
    const stored = await world.store.get(input.transferId);
    expect(stored?.status).toBe('closed');
    expect(stored?.timeline.map((e) => e.event)).toEqual([
      'requested',
      'reserved',
      'released',
      'shipped',
      'received',
      'closed',
    ]);
  }, 90_000);

  it('leaves a short receipt in transit and reports the variance on the transfer', async () => {
    await stockReno();
    const before = await positions();
    const input = await startTransfer('20');
    await routeUntil(input, 'in-transit');
    await world.applyPublished();
    await receive(input, 18);
    const short = await routeUntil(input, 'received-short');
    expect(short.lines[0]).toMatchObject({ shipped: '20', received: '18', inTransit: '2' });
    expect(short.exceptions).toMatchObject([{ code: 'receipt-variance', sku: IDS.sku, quantity: '2' }]);
    await world.applyPublished();
    const after = await positions();
    expect(Number(after.chicago.onHand)).toBe(Number(before.chicago.onHand) + 18);
    expect(Number(after.chicago.inTransit)).toBe(Number(before.chicago.inTransit) + 2);
    // No more arrives: after the late-receipt window the transfer closes short, the variance still open.
    const final = await handleOf(input).result();
    expect(final.status).toBe('closed-short');
    await record(input, 'closed-short');
    expect(final.exceptions.map((e) => e.code)).toEqual(['receipt-variance']);
  }, 90_000);

  it('cancelled before shipment, releases the reservation and cancels the shipping order', async () => {
    world.simSettings({ shipDelayMs: 600_000 });
    try {
      await stockReno();
      const input = await startTransfer('20');
      await until(input, (v) => v.status === 'released');
      expect((await positions()).reno.reserved).toBe('20');
      await world.workflows.cancel(input.transferId, { by: 'planner', reason: 'not needed' });
      const final = await handleOf(input).result();
      expect(final.status).toBe('cancelled');
      await record(input, 'cancelled');
      const after = await positions();
      expect(after.reno.reserved).toBe('0');
      expect(after.reno.availableToPromise).toBe('50');
      const orders = (await (await fetch(`${world.wmsUrl}/_sim/records/orders`)).json()) as {
        partner_order_id: string;
        fulfillment_status: string;
      }[];
      expect(orders.find((o) => o.partner_order_id === input.transferId)?.fulfillment_status).toBe(
        'canceled',
      );
    } finally {
      world.simSettings({ shipDelayMs: 200 });
    }
  }, 90_000);

  it('refuses a transfer Reno cannot cover, reserving nothing', async () => {
    await stockReno('5');
    const input = await startTransfer('20');
    const final = await handleOf(input).result();
    expect(final.status).toBe('rejected');
    await record(input, 'rejected');
    expect(final.exceptions).toMatchObject([{ code: 'insufficient-stock', sku: IDS.sku }]);
    expect((await positions()).reno.reserved).toBe('0');
  }, 60_000);
});

describe('transfer request validation', () => {
  const check = (body: Record<string, unknown>) =>
    validateTransferRequest(
      {
        legalEntityId: IDS.legalEntity,
        fromLocationId: IDS.reno,
        toLocationId: IDS.chicago,
        lines: [{ sku: 'A', quantity: '1' }],
        ...body,
      },
      world.locations,
    );
  const pathsOf = async (body: Record<string, unknown>) => {
    const got = await check(body);
    return got.ok ? [] : got.errors.map((e) => e.path);
  };

  it('names each bad field', async () => {
    expect(await pathsOf({ toLocationId: IDS.reno })).toEqual(['/toLocationId']);
    expect(await pathsOf({ fromLocationId: 'loc_nowhere' })).toEqual(['/fromLocationId']);
    expect(await pathsOf({ lines: [{ sku: 'A', quantity: '0' }] })).toEqual(['/lines/0/quantity']);
    expect(await pathsOf({ lines: [{ sku: 'A', quantity: '-3' }] })).toEqual(['/lines/0/quantity']);
    expect(
      await pathsOf({
        lines: [
          { sku: 'A', quantity: '1' },
          { sku: 'A', quantity: '2' },
        ],
      }),
    ).toEqual(['/lines/1/sku']);
    expect(await pathsOf({ lines: [] })).toEqual(['/lines']);
    expect((await check({})).ok).toBe(true);
  });
});
