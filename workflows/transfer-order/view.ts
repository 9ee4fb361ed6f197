/** How the transfer workflow's view changes: pure functions of the view and what happened. */
import type { TransferEvent, TransferLineView, TransferOrderInput, TransferView } from './types';

/** The view of a transfer that has just started. */
export function initialView(input: TransferOrderInput, workflowId: string): TransferView {
  return {
    transferId: input.transferId,
    transferNumber: input.transferNumber,
    legalEntityId: input.legalEntityId,
    fromLocationId: input.from.locationId,
    toLocationId: input.to.locationId,
    ...(input.shipBy ? { shipBy: input.shipBy } : {}),
    status: 'reserving',
    lines: input.lines.map((l): TransferLineView => ({
      ...l,
      reserved: '0',
      shipped: '0',
      received: '0',
      inTransit: '0',
    })),
    exceptions: [],
    timeline: [
      {
        at: input.requestedAt,
        event: 'requested',
        ...(input.requestedBy ? { detail: `by ${input.requestedBy}` } : {}),
      },
    ],
    workflowId,
    version: 1,
    createdAt: input.requestedAt,
    updatedAt: input.requestedAt,
  };
}

/** Adds an entry to the timeline and bumps the version. */
export function note(view: TransferView, at: string, event: string, detail?: string): void {
  const entry: TransferEvent = { at, event, ...(detail ? { detail } : {}) };
  view.timeline.push(entry);
  view.updatedAt = at;
  view.version += 1;
}

/** The quantity a signal names for a SKU ("0" when it names none); quantities of one SKU add up. */
export function quantityOf(
  lines: { sku: string; quantity: string }[],
  sku: string,
  add: (a: string, b: string) => string,
): string {
  return lines.filter((l) => l.sku === sku).reduce((sum, l) => add(sum, l.quantity), '0');
}
