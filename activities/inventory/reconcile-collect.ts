/**
 * collectDiscrepancies: the ERP's valuation (per ERP location, mapped to the hub's locations through the
 * cross-references), the WMS's snapshot (every page) and the hub ledger's position of each key, compared per SKU ×
 * location; keys that disagree are classified with the ledger's movements and the item's unit factors as evidence.
 */
import { addDecimal } from '../../canonical-model/decimal';
import type { InventoryPosition } from '../../canonical-model/generated/index';
import type { ErpPort, InventoryValuationLine } from '../../connectors/sdk/ports/erp';
import type { WmsPort } from '../../connectors/sdk/ports/wms';
import { classifyKey } from '../../platform/inventory/reconcile-classify';
import { appliedMovements } from '../../platform/inventory/reconcile-ledger';
import type { Finding, ReconciledSystem, SystemValue } from '../../platform/inventory/reconcile-types';
import { unitFactorsOf } from '../../platform/inventory/reconcile-units';
import type { ReconcileActivityDeps } from './reconcile-deps';
import type { CollectArgs, CollectResult } from './reconcile-types';

type Values = Partial<Record<ReconciledSystem, SystemValue>>;

const keyOf = (sku: string, locationId: string) => `${locationId}|${sku}`;

async function erpLines(erp: ErpPort, skus: string[] | undefined): Promise<InventoryValuationLine[]> {
  if (!skus) return erp.getInventoryValuation({});
  const lines: InventoryValuationLine[] = [];
  for (const sku of skus) lines.push(...(await erp.getInventoryValuation({ sku })));
  return lines;
}

async function wmsPositions(wms: WmsPort, skus: string[] | undefined): Promise<InventoryPosition[]> {
  const all: InventoryPosition[] = [];
  for (const sku of skus ?? [undefined]) {
    let cursor: string | undefined;
    do {
      const page = await wms.getInventorySnapshot(sku ? { sku } : {}, cursor ? { cursor } : {});
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return all;
}

/** The collectDiscrepancies activity. */
export function collectDiscrepancies(deps: ReconcileActivityDeps) {
  return async (args: CollectArgs): Promise<CollectResult> => {
    const erp = await deps.runtime.instance<ErpPort>(args.erpConnectorId, 'erp');
    const wms = await deps.runtime.instance<WmsPort>(args.wmsConnectorId, 'wms');
    const values = new Map<string, { sku: string; locationId: string; values: Values }>();
    const entry = (sku: string, locationId: string) => {
      const k = keyOf(sku, locationId);
      let e = values.get(k);
      if (!e) values.set(k, (e = { sku, locationId, values: {} }));
      return e;
    };

    const locations = new Map<string, string | undefined>();
    const unmapped = new Set<string>();
    const readAt = new Date().toISOString();
    for (const line of await erpLines(erp, args.skus)) {
      if (!locations.has(line.locationExternalId))
        locations.set(
          line.locationExternalId,
          await deps.crossReferences.toCanonical({
            connectorId: args.erpConnectorId,
            objectType: 'location',
            externalId: line.locationExternalId,
          }),
        );
      const locationId = locations.get(line.locationExternalId);
      if (!locationId) {
        unmapped.add(line.locationExternalId);
        continue;
      }
      const e = entry(line.sku, locationId);
      const quantity = e.values.erp ? addDecimal(e.values.erp.quantity, line.quantity) : line.quantity;
      e.values.erp = { quantity, uom: line.uom, asOf: readAt };
    }
    for (const p of await wmsPositions(wms, args.skus)) {
      const sku = p.item.identifiers.find((i) => i.qualifier === 'SKU')?.value;
      if (!sku) continue;
      // A warehouse the WMS connector does not map to a hub location gets a provisional id: not comparable.
      if (p.locationId.startsWith(`${args.wmsConnectorId}:location:`)) {
        unmapped.add(`wms:${p.source.externalId.split('@').pop() ?? p.locationId}`);
        continue;
      }
      const e = entry(sku, p.locationId);
      const quantity = e.values.wms ? addDecimal(e.values.wms.quantity, p.onHand.value) : p.onHand.value;
      e.values.wms = { quantity, uom: p.onHand.uom, asOf: p.updatedAt ?? p.asOf };
    }
    if (unmapped.size)
      deps.logger.warn(
        { legalEntityId: args.legalEntityId, erpLocations: [...unmapped] },
        'ERP locations or WMS warehouses without a hub location were not reconciled',
      );

    const factors = await unitFactorsOf(deps.db, args.legalEntityId);
    const now = new Date();
    const options = { now, inFlightMinutes: args.inFlightMinutes };
    const findings: Finding[] = [];
    for (const e of values.values()) {
      const position = await deps.ledger.position({ sku: e.sku, locationId: e.locationId });
      if (position)
        e.values.hub = {
          quantity: position.onHand,
          uom: e.values.wms?.uom ?? 'EA',
          ...(position.stockAsOf ? { asOf: position.stockAsOf } : {}),
        };
      const evidence = { ...e, movements: [], factors: factors.get(e.sku) ?? {} };
      // The ledger's movements are read only where the figures disagree.
      if (!classifyKey(evidence, options)) continue;
      const movements = await appliedMovements(deps.db, e);
      const finding = classifyKey({ ...evidence, movements }, options);
      if (finding) findings.push(finding);
    }
    return { compared: values.size, findings, unmappedLocations: [...unmapped] };
  };
}
