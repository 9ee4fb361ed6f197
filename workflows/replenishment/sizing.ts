/**
 * Sizing a replenishment proposal (pure, decimal-exact): the signalled quantity, topped up to the safety stock
 * when the stock position is below it, then raised to the supplier's minimum order quantity and rounded up to its
 * pack multiple. Quantities are in the supplier's unit (the policy keeps one unit per item and supplier).
 */
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../canonical-model/decimal';

/** A stock position as `readStockPosition` answers it. */
export interface StockPosition {
  onHand: string;
  reserved: string;
  inbound: string;
}

/** What a proposal is sized from. */
export interface SizingInput {
  /** Sum of the claimed signals' quantities. */
  signalled: string;
  /** Read only when the sourcing rule keeps a safety stock. */
  position?: StockPosition;
  safetyStock?: string;
  minOrderQuantity: string;
  packMultiple: string;
}

/** How the quantity came about, step by step (for the result and the PO's timeline). */
export interface Sizing {
  quantity: string;
  signalled: string;
  /** on hand − reserved + inbound, when the position was read. */
  available?: string;
  /** Added to bring available stock back to the safety stock. */
  topUp: string;
  /** What the minimum order quantity and the pack multiple added on top. */
  rounding: string;
}

/** Drops trailing zeros of the fraction ("1.50" → "1.5", "2.0" → "2"). */
export function normalizeDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Integer units and scale of a plain decimal string. */
function parse(text: string): { units: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`${text} is not a decimal number`);
  const frac = match[3] ?? '';
  const units = BigInt(`${match[2]}${frac}`);
  return { units: match[1] ? -units : units, scale: frac.length };
}

/** The smallest multiple of `multiple` that is ≥ `quantity` (a non-positive multiple leaves it unrounded). */
export function roundUpToMultiple(quantity: string, multiple: string): string {
  if (compareDecimal(multiple, '0') <= 0) return normalizeDecimal(quantity);
  if (compareDecimal(quantity, '0') <= 0) return '0';
  const q = parse(quantity);
  const m = parse(multiple);
  const scale = Math.max(q.scale, m.scale);
  const qu = q.units * 10n ** BigInt(scale - q.scale);
  const mu = m.units * 10n ** BigInt(scale - m.scale);
  const packs = (qu + mu - 1n) / mu;
  return normalizeDecimal(multiplyDecimal(packs.toString(), multiple));
}

/** A wanted quantity as the supplier sells it: at least the minimum order quantity, in whole packs. */
export function orderQuantity(wanted: string, minOrderQuantity: string, packMultiple: string): string {
  const atLeast = compareDecimal(wanted, minOrderQuantity) >= 0 ? wanted : minOrderQuantity;
  return roundUpToMultiple(atLeast, packMultiple);
}

/** Sizes a proposal; nothing signalled sizes to zero (no PO is made for stock alone). */
export function sizeProposal(input: SizingInput): Sizing {
  const signalled = normalizeDecimal(input.signalled);
  if (compareDecimal(signalled, '0') <= 0) return { quantity: '0', signalled, topUp: '0', rounding: '0' };
  let topUp = '0';
  let available: string | undefined;
  if (input.position) {
    const p = input.position;
    available = normalizeDecimal(addDecimal(subtractDecimal(p.onHand, p.reserved), p.inbound));
    const safety = input.safetyStock ?? '0';
    if (compareDecimal(available, safety) < 0) topUp = normalizeDecimal(subtractDecimal(safety, available));
  }
  const wanted = addDecimal(signalled, topUp);
  const quantity = orderQuantity(wanted, input.minOrderQuantity, input.packMultiple);
  return {
    quantity,
    signalled,
    ...(available === undefined ? {} : { available }),
    topUp,
    rounding: normalizeDecimal(subtractDecimal(quantity, wanted)),
  };
}
