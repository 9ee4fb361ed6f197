/**
 * 846 quantities → the five figures of a canonical InventoryPosition. QTY01 qualifiers (X12 673):
 *   17 on hand → onHand · 33 available for sale → available · QH on hold → onHold · IQ in transit → inTransit ·
 *   XU reserved → reserved · BQ backorder → backordered; any other qualifier (29 projected, 37 work in process,
 *   63 on order …) is kept as a `qty:<qualifier>` attribute.
 * A figure not sent is 0, except: without 17, on hand is available + reserved + on hold; without 33, available is
 * on hand − reserved − on hold floored at 0 (the model's own rule). A LIN with neither 17 nor 33 says nothing
 * about stock, and is a problem. SDQ quantities are availability per location (the common use in 846s); SCH
 * schedules are future receipts (`inbound`).
 */
import type { InventoryInbound, Quantity, UnitCode } from '../../../canonical-model/generated/index';
import { addDecimal, compareDecimal, subtractDecimal } from '../../sdk/decimal';
import type { ElementReader } from './read-elements';
import { value } from './read-set';
import type { At } from './read-set';

const FIGURES: Record<string, Figure> = {
  '17': 'onHand',
  '33': 'available',
  QH: 'onHold',
  IQ: 'inTransit',
  XU: 'reserved',
  BQ: 'backordered',
};

type Figure = 'onHand' | 'available' | 'onHold' | 'inTransit' | 'reserved' | 'backordered';

const isFigure = (key: string): key is Figure => Object.values(FIGURES).includes(key as Figure);

/** The quantities gathered for one item at one location, as sent. */
export interface StockFigures {
  sent: Partial<Record<Figure, string>>;
  uom?: UnitCode;
  attributes: Record<string, string>;
  /** SCH future availability: quantities expected by a date. */
  inbound: InventoryInbound[];
  /** Where the figures came from, for problems about the position as a whole. */
  at: At;
}

/** A fresh figure set for a LIN (or an N1/SDQ location under it). */
export function newFigures(at: At): StockFigures {
  return { sent: {}, attributes: {}, inbound: [], at };
}

function addFigure(
  reader: ElementReader,
  figures: StockFigures,
  at: At,
  n: number,
  unit: UnitCode,
  figure: string,
) {
  const quantity = reader.decimal(at, n, { what: 'the quantity', nonNegative: true });
  if (quantity === undefined) return;
  if (figures.uom && figures.uom !== unit) {
    reader.report(
      at,
      n + 1,
      `is in ${unit} but the item's other quantities are in ${figures.uom}; the hub cannot convert units`,
    );
    return;
  }
  figures.uom = unit;
  if (isFigure(figure)) {
    const before = figures.sent[figure];
    figures.sent[figure] = before ? addDecimal(before, quantity) : quantity;
  } else figures.attributes[`qty:${figure}`] = quantity;
}

/** Adds a QTY segment (QTY03 is composite C001: its first component is the unit). */
export function addQty(
  reader: ElementReader,
  figures: StockFigures,
  qty: At,
  componentSeparator: string,
): void {
  const qualifier = value(qty, 1);
  const unitText = value(qty, 3).split(componentSeparator)[0] ?? '';
  const unit = unitText ? reader.unit(qty, 3, 'the unit of measure', unitText) : (figures.uom ?? 'EA');
  addFigure(reader, figures, qty, 2, unit, FIGURES[qualifier] ?? qualifier);
}

/** Adds one SDQ location/quantity pair (the quantity at element `n`) as availability. */
export function addSdqQuantity(reader: ElementReader, figures: StockFigures, sdq: At, n: number): void {
  const unit = value(sdq, 1) ? reader.unit(sdq, 1) : (figures.uom ?? 'EA');
  addFigure(reader, figures, sdq, n, unit, 'available');
}

/** Adds an SCH line schedule (01 quantity, 02 unit, 06 date) as stock expected to arrive by that date. */
export function addSchedule(reader: ElementReader, figures: StockFigures, sch: At): void {
  const quantity = reader.decimal(sch, 1, { what: 'the scheduled quantity', nonNegative: true });
  const uom = value(sch, 2) ? reader.unit(sch, 2) : (figures.uom ?? 'EA');
  const dueDate = reader.date(sch, 6, 'the date the quantity is expected');
  if (quantity !== undefined && dueDate)
    figures.inbound.push({ quantity: { value: quantity, uom }, dueDate });
}

/** The five figures (plus backordered) of a position, or undefined with a problem when stock is unknown. */
export function settleFigures(reader: ElementReader, figures: StockFigures) {
  const { sent } = figures;
  if (sent.onHand === undefined && sent.available === undefined) {
    reader.report(
      figures.at,
      1,
      'the item has no on-hand (QTY*17) or available (QTY*33) quantity, so its stock is unknown',
    );
    return undefined;
  }
  const uom = figures.uom ?? 'EA';
  const reserved = sent.reserved ?? '0';
  const onHold = sent.onHold ?? '0';
  const onHand = sent.onHand ?? addDecimal(addDecimal(sent.available!, reserved), onHold);
  const free = subtractDecimal(subtractDecimal(onHand, reserved), onHold);
  const available = sent.available ?? (compareDecimal(free, '0') < 0 ? '0' : free);
  const q = (v: string): Quantity => ({ value: v, uom });
  return {
    onHand: q(onHand),
    reserved: q(reserved),
    onHold: q(onHold),
    inTransit: q(sent.inTransit ?? '0'),
    available: q(available),
    ...(sent.backordered !== undefined ? { backordered: q(sent.backordered) } : {}),
    ...(figures.inbound.length ? { inbound: figures.inbound.slice(0, 500) } : {}),
  };
}
