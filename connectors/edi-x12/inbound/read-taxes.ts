/** TXI tax segments → canonical taxes. TXI02 is a monetary amount (R), TXI03 a percent. */
import type { Tax } from '../../../canonical-model/generated/index';
import type { ElementReader } from './read-elements';
import { optional } from './read-set';
import type { At } from './read-set';

/** TXI01 (X12 963 tax type) → canonical tax type; unlisted types are 'other'. */
const TAX_TYPES: Record<string, Tax['type']> = {
  ST: 'sales',
  LS: 'sales',
  CT: 'sales',
  CP: 'sales',
  SP: 'sales',
  SU: 'sales',
  UT: 'use',
  VA: 'vat',
  GS: 'gst',
  HS: 'hst',
  PG: 'pst',
  PS: 'pst',
  EV: 'excise',
  FE: 'excise',
  WH: 'withholding',
};

/** One TXI as a tax; undefined (with a problem) when it has no amount. */
export function taxOf(reader: ElementReader, txi: At, currency: string): Tax | undefined {
  const code = reader.required(txi, 1, 'the tax type');
  const amount = reader.decimal(txi, 2, { what: 'the tax amount' });
  const ratePercent = reader.decimal(txi, 3);
  const jurisdiction = optional(txi, 5);
  if (amount === undefined) return undefined;
  return {
    type: TAX_TYPES[code] ?? 'other',
    ...(jurisdiction ? { jurisdiction } : {}),
    ...(ratePercent !== undefined ? { ratePercent } : {}),
    amount: { amount, currency },
  };
}
