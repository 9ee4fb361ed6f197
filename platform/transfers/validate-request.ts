/**
 * A transfer request as the API takes it, checked field by field: both locations known to a WMS of the legal
 * entity and different, at least one line, every quantity a positive decimal (whole units: the WMS ships eaches),
 * no SKU on two lines, shipBy a date. Every defect is listed with its JSON pointer; nothing is started while any
 * remains.
 */
import type { FieldError } from '../errors';
import type { TransferLineInput, TransferOrderInput } from '../../workflows/transfer-order/types';
import type { TransferLocations } from './locations';

/** The body of `POST /v1/transfer-orders`. */
export interface TransferRequestBody {
  transferNumber?: unknown;
  legalEntityId?: unknown;
  fromLocationId?: unknown;
  toLocationId?: unknown;
  lines?: unknown;
  shipBy?: unknown;
}

/** The resolved request, or every defect. */
export type TransferRequestResult =
  | {
      ok: true;
      value: Omit<TransferOrderInput, 'transferId' | 'transferNumber' | 'requestedAt' | 'correlationId'> & {
        transferNumber?: string;
      };
    }
  | { ok: false; errors: FieldError[] };

const WHOLE_POSITIVE = /^[0-9]{1,12}$/;
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,34}$/;

const text = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function readLines(raw: unknown, errors: FieldError[]): TransferLineInput[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.push({ path: '/lines', message: 'must list at least one line' });
    return [];
  }
  const seen = new Map<string, number>();
  const lines: TransferLineInput[] = [];
  raw.forEach((entry: unknown, i) => {
    const line = (typeof entry === 'object' && entry !== null ? entry : {}) as {
      sku?: unknown;
      quantity?: unknown;
    };
    const sku = text(line.sku) ? line.sku.trim() : undefined;
    if (!sku) errors.push({ path: `/lines/${i}/sku`, message: 'is required' });
    else if (seen.has(sku)) {
      errors.push({
        path: `/lines/${i}/sku`,
        message: `${sku} is on line ${seen.get(sku)! + 1} already; one line per SKU`,
      });
    } else seen.set(sku, i);
    const quantity = typeof line.quantity === 'string' ? line.quantity.trim() : undefined;
    if (quantity === undefined || !DECIMAL.test(quantity)) {
      errors.push({ path: `/lines/${i}/quantity`, message: 'must be a decimal string, like "20"' });
    } else if (!WHOLE_POSITIVE.test(quantity) || /^0+$/.test(quantity)) {
      errors.push({
        path: `/lines/${i}/quantity`,
        message: 'must be a whole number of units greater than 0',
      });
    }
    if (sku && quantity) lines.push({ lineNumber: i + 1, sku, quantity: String(Number(quantity)) });
  });
  return lines;
}

/** Checks and resolves a transfer request. */
export async function validateTransferRequest(
  body: TransferRequestBody,
  locations: TransferLocations,
): Promise<TransferRequestResult> {
  const errors: FieldError[] = [];
  const legalEntityId = text(body.legalEntityId) ? body.legalEntityId : undefined;
  if (!legalEntityId) errors.push({ path: '/legalEntityId', message: 'is required' });
  if (
    body.transferNumber !== undefined &&
    (typeof body.transferNumber !== 'string' || !NUMBER.test(body.transferNumber))
  ) {
    errors.push({ path: '/transferNumber', message: 'must be 1–35 letters, digits, "-", "_" or "."' });
  }
  if (
    body.shipBy !== undefined &&
    (typeof body.shipBy !== 'string' || !DATE.test(body.shipBy) || Number.isNaN(Date.parse(body.shipBy)))
  ) {
    errors.push({ path: '/shipBy', message: 'must be a date (YYYY-MM-DD)' });
  }
  const ends = (['fromLocationId', 'toLocationId'] as const).map((field) => {
    const value = body[field];
    if (!text(value)) errors.push({ path: `/${field}`, message: 'is required' });
    return text(value) ? value : undefined;
  });
  const [fromId, toId] = ends;
  if (fromId && toId && fromId === toId) {
    errors.push({ path: '/toLocationId', message: 'must be another location than fromLocationId' });
  }
  const lines = readLines(body.lines, errors);
  const resolved = await Promise.all(
    ends.map(async (id, i) => {
      if (!id || !legalEntityId) return undefined;
      const found = await locations.resolve(legalEntityId, id);
      const field = i === 0 ? 'fromLocationId' : 'toLocationId';
      if (!found)
        errors.push({
          path: `/${field}`,
          message: `${id} is not a warehouse a WMS of ${legalEntityId} runs`,
        });
      return found;
    }),
  );
  const [from, to] = resolved;
  if (errors.length || !legalEntityId || !from || !to) return { ok: false, errors };
  return {
    ok: true,
    value: {
      legalEntityId,
      from,
      to,
      lines,
      ...(typeof body.transferNumber === 'string' ? { transferNumber: body.transferNumber } : {}),
      ...(typeof body.shipBy === 'string' ? { shipBy: body.shipBy } : {}),
    },
  };
}
