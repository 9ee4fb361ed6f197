/**
 * The levels of an 856 below the shipment: packs (P/T with MAN*GM SSCCs, PO4 weights) and items (LIN/SN1).
 */
import { gs1KeyProblem } from '../../../canonical-model/gtin';
import type { AdvanceShipNoticeItem, Weight } from '../../../canonical-model/generated/index';
import type { HlNode } from './build-hl-tree';
import type { InboundContext } from './context';
import type { IdentifierChecks } from './identifier-checks';
import type { ElementReader } from './read-elements';
import { descriptionOf } from './read-po1';
import { readProductIds } from './read-product-ids';
import { firstOf, optional, segmentsOf, value } from './read-set';
import type { At } from './read-set';
import { unitFromX12 } from './x12-units';

const WEIGHT_UNITS = new Set(['KG', 'G', 'LB', 'OZ']);

/** A weight from a value element and a 355 unit element; undefined when absent, a problem when unreadable. */
export function weightOf(
  reader: ElementReader,
  at: At,
  valueElement: number,
  unitElement: number,
): Weight | undefined {
  const amount = reader.decimal(at, valueElement, { nonNegative: true });
  if (amount === undefined) return undefined;
  const unit = unitFromX12(value(at, unitElement));
  if (!unit || !WEIGHT_UNITS.has(unit)) {
    reader.report(
      at,
      unitElement,
      `${JSON.stringify(value(at, unitElement))} is not a weight unit (LB, KG, OZ or GR)`,
    );
    return undefined;
  }
  return { value: amount, uom: unit as Weight['uom'] };
}

/** A level's MAN*GM label as read: the segment, the value sent, and the SSCC-18 or why the value is not one. */
export interface SsccLabel {
  man: At;
  raw: string;
  sscc?: string;
  problem?: string;
}

/**
 * The MAN*GM of a level, undefined when it has none. Labels often carry the "00" application identifier (20
 * digits); it is stripped before the SSCC-18 is judged. Nothing is reported: the caller decides what a bad one costs.
 */
export function readSsccLabel(node: HlNode): SsccLabel | undefined {
  const man = segmentsOf(node.segments, 'MAN').find((at) => value(at, 1) === 'GM');
  if (!man) return undefined;
  const raw = value(man, 2);
  const sscc = raw.length === 20 && raw.startsWith('00') ? raw.slice(2) : raw;
  const problem = gs1KeyProblem('sscc', sscc);
  return problem
    ? {
        man,
        raw,
        problem: `${JSON.stringify(raw)} is not an SSCC-18 (with or without the AI 00 prefix): ${problem}`,
      }
    : { man, raw, sscc };
}

/**
 * The SSCC-18 of a level's MAN*GM; undefined when the level has no MAN*GM. A wrong length or check digit is a
 * problem at MAN02.
 */
export function ssccOf(reader: ElementReader, node: HlNode): string | undefined {
  const label = readSsccLabel(node);
  if (label?.problem) reader.report(label.man, 2, label.problem);
  return label?.sscc;
}

/** A carrier package id (MAN*CP) of a level, used as the pack's tracking number. */
export function trackingOf(node: HlNode): string | undefined {
  const man = segmentsOf(node.segments, 'MAN').find((at) => value(at, 1) === 'CP');
  return man ? optional(man, 2) : undefined;
}

/**
 * An item level: LIN ids, SN1 quantities, PID description, REF*LT lot with DTM 036 expiry, REF*SE serials. Ids the
 * canonical model has no qualifier for, and bad GS1 ids a lenient partner sent, become the item's attributes.
 */
export function readAsnItem(
  reader: ElementReader,
  context: InboundContext,
  node: HlNode,
  ordinal: number,
  checks?: IdentifierChecks,
): { item: AdvanceShipNoticeItem; shipped: string } {
  const lin = firstOf(node.segments, 'LIN');
  const sn1 = firstOf(node.segments, 'SN1');
  if (!lin) reader.report(node.hl, 3, `item level HL ${node.id} has no LIN (the item shipped)`);
  if (!sn1) reader.report(node.hl, 3, `item level HL ${node.id} has no SN1 (the quantity shipped)`);
  const ids = lin
    ? readProductIds(reader, lin, 2, context.partner.productIdQualifiers, true, checks)
    : { identifiers: [], attributes: {} };
  const shipped = sn1
    ? (reader.decimal(sn1, 2, { what: 'the quantity shipped', nonNegative: true }) ?? '0')
    : '0';
  const uom = sn1 ? reader.unit(sn1, 3) : 'EA';
  const ordered = sn1 ? reader.decimal(sn1, 5, { nonNegative: true }) : undefined;
  const orderedUom = sn1 && ordered !== undefined && value(sn1, 6) ? reader.unit(sn1, 6) : uom;
  const lineId = (sn1 && optional(sn1, 1)) ?? (lin && optional(lin, 1));
  const lineNumber = lineId && /^\d{1,6}$/.test(lineId) && Number(lineId) > 0 ? Number(lineId) : ordinal;
  const lotRef = segmentsOf(node.segments, 'REF').find((at) => value(at, 1) === 'LT');
  const expiry = segmentsOf(node.segments, 'DTM').find((at) => value(at, 1) === '036');
  const expirationDate = expiry ? reader.date(expiry, 2, 'the expiration date') : undefined;
  const serials = segmentsOf(node.segments, 'REF')
    .filter((at) => value(at, 1) === 'SE' && value(at, 2))
    .map((at) => value(at, 2));
  const description = descriptionOf(node.segments);
  const item: AdvanceShipNoticeItem = {
    lineNumber,
    item: { identifiers: ids.identifiers, ...(description ? { description } : {}) },
    quantity: { value: shipped, uom },
    ...(ordered !== undefined ? { quantityOrdered: { value: ordered, uom: orderedUom } } : {}),
    ...(lotRef && value(lotRef, 2)
      ? { lot: { lotNumber: value(lotRef, 2), ...(expirationDate ? { expirationDate } : {}) } }
      : {}),
    ...(serials.length ? { serialNumbers: [...new Set(serials)] } : {}),
    ...(Object.keys(ids.attributes).length ? { attributes: ids.attributes } : {}),
  };
  return { item, shipped };
}
