/**
 * The warehouse receives a return (`POST /__sim/receive-return`): each received batch is recorded against its return
 * line with its condition, good units go back to stock, the return becomes complete and "Return Update" is sent.
 * Nothing changes when any batch is refused (more than authorised, an SKU not on the return, a bad condition).
 */
import type { Simulator } from '../kit/simulator';
import { warehouseTimestamp, shipheroId } from './ids';
import { COLLECTIONS } from './records';
import type { SimReturn } from './records';
import { conditionOf, RETURN_CONDITIONS, sendReturnUpdate } from './returns';
import type { WmsSimSettings } from './settings';
import { changeOnHand, stockOf } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;

/** What the route answers: the received return, or the HTTP status and message of a refusal. */
export type ReceiptOutcome = { ok: true; ret: SimReturn } | { ok: false; status: number; message: string };

interface Batch {
  sku: string;
  quantity: number;
  condition: (typeof RETURN_CONDITIONS)[number];
}

const refuse = (status: number, message: string): ReceiptOutcome => ({ ok: false, status, message });

function find(sim: WmsSim, body: Record<string, unknown>): SimReturn | ReceiptOutcome {
  const returns = sim.store.collection<SimReturn>(COLLECTIONS.returns);
  const { return_id: returnId, external_id: externalId } = body;
  if (typeof returnId === 'string' || typeof returnId === 'number') {
    const found =
      returns.get(String(returnId)) ?? returns.find((r) => String(r.legacy_id) === String(returnId));
    return found ?? refuse(404, `Return ${String(returnId)} not found`);
  }
  if (typeof externalId === 'string' && externalId) {
    return (
      returns.find((r) => r.partner_id === externalId) ??
      refuse(404, `No return has partner_id ${externalId}`)
    );
  }
  return refuse(400, 'return_id (ShipHero return id) or external_id (the partner_id) is required');
}

function batchesOf(ret: SimReturn, lines: unknown): Batch[] | ReceiptOutcome {
  if (!Array.isArray(lines) || !lines.length)
    return refuse(400, 'lines: at least one received line is required');
  const batches: Batch[] = [];
  for (const [i, raw] of lines.entries()) {
    const l = (raw ?? {}) as Record<string, unknown>;
    const condition = conditionOf(l.condition);
    if (typeof l.sku !== 'string' || !l.sku) return refuse(400, `lines.${i}.sku is required`);
    if (!Number.isInteger(l.quantity) || (l.quantity as number) <= 0) {
      return refuse(400, `lines.${i}.quantity must be a whole number greater than 0`);
    }
    if (!condition) return refuse(400, `lines.${i}.condition must be one of ${RETURN_CONDITIONS.join(', ')}`);
    if (!ret.line_items.some((r) => r.sku === l.sku)) {
      const skus = ret.line_items.map((r) => r.sku).join(', ');
      return refuse(400, `lines.${i}.sku: ${l.sku} is not on return ${ret.legacy_id} (it returns ${skus})`);
    }
    batches.push({ sku: l.sku, quantity: l.quantity as number, condition });
  }
  for (const line of ret.line_items) {
    const received = batches.filter((b) => b.sku === line.sku).reduce((sum, b) => sum + b.quantity, 0);
    if (line.quantity_received + received > line.quantity) {
      return refuse(
        400,
        `lines: cannot receive ${received} of ${line.sku} on return ${ret.legacy_id}: ${line.quantity} authorised` +
          (line.quantity_received ? `, ${line.quantity_received} already received` : ''),
      );
    }
  }
  return batches;
}

/** Receives `body.lines` ({sku, quantity, condition}) against the return named by `return_id` or `external_id`. */
export function receiveReturn(sim: WmsSim, body: Record<string, unknown>): ReceiptOutcome {
  const ret = find(sim, body);
  if ('ok' in ret) return ret;
  if (ret.status === 'complete') return refuse(409, `Return ${ret.legacy_id} has already been received`);
  const batches = batchesOf(ret, body.lines);
  if (!Array.isArray(batches)) return batches;
  const now = warehouseTimestamp(sim.settings, ret.warehouse_id);
  for (const batch of batches) {
    const line = ret.line_items.find((l) => l.sku === batch.sku)!;
    const restocked = batch.condition === 'good' ? batch.quantity : 0;
    line.receipts.push({
      id: shipheroId('ReturnedLineItem', sim.store.next('returned-line-item', 880000)),
      quantity_received: batch.quantity,
      quantity_restocked: restocked,
      condition: batch.condition,
      created_at: now,
    });
    line.quantity_received += batch.quantity;
    line.restock += restocked;
    const conditions = new Set(line.receipts.map((r) => r.condition));
    line.condition = conditions.size === 1 ? batch.condition : 'mixed';
    changeOnHand(
      sim,
      stockOf(sim, line.warehouse_id, line.sku),
      restocked,
      `Return ${ret.legacy_id} restocked`,
    );
  }
  ret.status = 'complete';
  sendReturnUpdate(sim, ret);
  return { ok: true, ret };
}
