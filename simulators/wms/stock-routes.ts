/**
 * Simulator helper routes that set up and move warehouse stock in bulk, for volume tests:
 *
 * - `POST /__sim/warehouses {warehouses: [{id, legacy_id?, identifier}]}` adds warehouses to the account.
 * - `POST /__sim/stock {products: [{sku, warehouse_id, on_hand}]}` puts stock the warehouse already holds (no
 *   webhook: nothing happened, the warehouse just has it).
 * - `POST /__sim/adjust-stock {changes: [{sku, warehouse_id, delta, reason} | {sku, warehouse_id,
 *   counted_quantity}]}` applies the changes in order: a `delta` moves on hand and sends an "Inventory Change"
 *   webhook, a `counted_quantity` completes a cycle count and sends a "Cycle Count" webhook. Nothing is applied
 *   when any change is malformed (400 naming it).
 */
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { shipheroId } from './ids';
import { COLLECTIONS } from './records';
import type { SimWarehouse } from './records';
import type { WmsSimSettings } from './settings';
import { changeOnHand, cycleCount, stockOf } from './warehouse';

type WmsSim = Simulator<WmsSimSettings>;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function listOf(req: Request, field: string): Record<string, unknown>[] | undefined {
  const list = ((req.body ?? {}) as Record<string, unknown>)[field];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : undefined;
}

function refuse(res: Response, message: string): void {
  res.status(400).json({ code: 400, message });
}

/** Mounts the bulk stock routes. */
export function stockRoutes(router: Router, sim: WmsSim): void {
  router.post('/__sim/warehouses', (req: Request, res: Response) => {
    const list = listOf(req, 'warehouses');
    const bad = list?.findIndex((w) => !isText(w.id) || !isText(w.identifier));
    if (!list || bad === undefined || bad >= 0) {
      refuse(res, `warehouses[${bad ?? 0}]: id and identifier (strings) are required`);
      return;
    }
    const warehouses = sim.store.collection<SimWarehouse>(COLLECTIONS.warehouses);
    for (const [i, w] of list.entries()) {
      const id = w.id as string;
      warehouses.put(id, {
        id,
        legacy_id: isWhole(w.legacy_id) ? w.legacy_id : 20000 + i,
        identifier: w.identifier as string,
      });
    }
    res.json({ ok: true, warehouses: warehouses.size });
  });

  router.post('/__sim/stock', (req: Request, res: Response) => {
    const list = listOf(req, 'products');
    const bad = list?.findIndex((p) => !isText(p.sku) || !isText(p.warehouse_id) || !isWhole(p.on_hand));
    if (!list || bad === undefined || bad >= 0) {
      refuse(res, `products[${bad ?? 0}]: sku, warehouse_id (strings) and on_hand (integer) are required`);
      return;
    }
    for (const p of list) {
      const stock = stockOf(sim, p.warehouse_id as string, p.sku as string);
      stock.on_hand = p.on_hand as number;
      stock.name = `Simulated product ${stock.sku}`;
      stock.updated_at = new Date().toISOString();
    }
    res.json({ ok: true, products: list.length });
  });

  router.post('/__sim/adjust-stock', (req: Request, res: Response) => {
    const list = listOf(req, 'changes');
    const bad = list?.findIndex(
      (c) =>
        !isText(c.sku) ||
        !isText(c.warehouse_id) ||
        (isWhole(c.delta) ? typeof c.reason !== 'string' : !isWhole(c.counted_quantity)),
    );
    if (!list || bad === undefined || bad >= 0) {
      refuse(
        res,
        `changes[${bad ?? 0}]: sku and warehouse_id (strings) and either delta (integer) with reason (string) ` +
          'or counted_quantity (integer) are required',
      );
      return;
    }
    for (const c of list) {
      const sku = c.sku as string;
      const warehouseId = c.warehouse_id as string;
      if (isWhole(c.delta)) changeOnHand(sim, stockOf(sim, warehouseId, sku), c.delta, c.reason as string);
      else cycleCount(sim, warehouseId, sku, c.counted_quantity as number);
    }
    res.json({ ok: true, changes: list.length });
  });
}

/** The ShipHero id of an extra warehouse numbered `legacyId` (for `/__sim/warehouses`). */
export function warehouseId(legacyId: number): string {
  return shipheroId('Warehouse', legacyId);
}
