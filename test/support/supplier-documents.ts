/**
 * A supplier's X12 documents about one of our purchase orders, as complete interchanges (ISA/GS/ST envelopes for a
 * sender/receiver id pair): an 855 acknowledgement (accept, reject, change quantity, price or date per line), an
 * 856 ship notice (S/O/I pick-pack: some lines of one or more POs) and an 810 invoice (lines at prices, TDS total).
 * Lines carry our SKU as SK (what our 850 sends), so they read back as the PO's SKU identifiers. Numbers are
 * written as the hub's own X12 writer writes them (R without trailing zeros: "2.50" is sent as 2.5).
 */
import { addDecimal, multiplyDecimal, toPlaces } from '../../canonical-model/decimal';
import { impliedN2, rDecimal } from '../../connectors/edi-x12/outbound/x12-values';
import type { TradingPartnerInput } from '../../platform/edi/partner-store';
import { partnerInput } from './edi';

/** Who sends (the supplier) and who receives (us), and the interchange's control number. */
export interface SupplierEnvelope {
  /** The supplier's ISA06 and GS02 id. */
  sender: string;
  /** Our ISA08 and GS03 id. */
  receiver: string;
  /** ISA05 / ISA07 qualifiers; ZZ (mutually defined) when not given. */
  senderQualifier?: string;
  receiverQualifier?: string;
  /** ISA13 (9 digits, zero-padded) and GS06; unique per interchange from this sender. */
  control: number;
  /** GS04 (and ISA09) business date, YYYY-MM-DD or CCYYMMDD; 2026-03-02 when not given. */
  date?: string;
  /** ISA15; P (production) when not given. */
  usage?: 'P' | 'T';
}

/** A line of our PO as the supplier echoes it. Quantities and prices are decimal strings (or whole numbers). */
export interface SupplierPoLine {
  lineNumber: number;
  sku: string;
  quantity: string | number;
  /** Our price (the PO's); an 855 line that changes the price carries the new one in its answer. */
  unitPrice: string;
  uom?: string;
}

/** How the supplier answers one line in an 855. */
export type AckAnswer =
  | { status: 'accept' }
  | { status: 'reject' }
  | { status: 'backorder' }
  | { status: 'change-quantity'; quantity: string | number }
  | { status: 'change-price'; unitPrice: string }
  | { status: 'change-date'; shipDate: string };

/** An 855 about our PO. */
export interface SupplierAck {
  poNumber: string;
  poDate?: string;
  /** The supplier's order number (BAK08). */
  ackNumber?: string;
  ackDate?: string;
  /** BAK02; AD when every line is accepted, RJ when every line is rejected, else AC. */
  type?: string;
  currency?: string;
  lines: (SupplierPoLine & { answer?: AckAnswer })[];
}

/** A party in an N1 loop: its name and the code (N103 92) it is known by. */
export interface SupplierParty {
  name: string;
  code: string;
}

/** An 856 shipping lines of one or more of our POs. */
export interface SupplierAsn {
  asnNumber: string;
  shipDate?: string;
  deliveryDate?: string;
  /** BSN01: 00 original, 05 replace, 01 cancel. */
  purpose?: '00' | '05' | '01';
  billOfLading?: string;
  trackingNumber?: string;
  scac?: string;
  shipFrom?: SupplierParty;
  /** Our warehouse as the supplier knows it. */
  shipTo?: SupplierParty;
  orders: {
    poNumber: string;
    poDate?: string;
    lines: {
      lineNumber: number;
      sku: string;
      quantity: string | number;
      ordered?: string | number;
      uom?: string;
    }[];
  }[];
}

/** An 810 billing lines of our PO. */
export interface SupplierInvoice {
  invoiceNumber: string;
  invoiceDate?: string;
  poNumber: string;
  poDate?: string;
  currency?: string;
  shipDate?: string;
  remitTo?: SupplierParty;
  lines: SupplierPoLine[];
}

const DEFAULT_DATE = '2026-03-02';
const x12Date = (date: string) => date.replace(/-/g, '');
/** An R (explicit decimal) element. */
const text = (n: string | number) => rDecimal(String(n), 'test value');
const sum = (values: (string | number)[]) =>
  text(values.reduce<string>((t, v) => addDecimal(t, String(v)), '0'));

/** Wraps sets (each the segments from ST to just before SE) in SE/GE/ISA/IEA with correct counts. */
export function supplierInterchange(
  envelope: SupplierEnvelope,
  functionalId: string,
  sets: string[][],
): Buffer {
  const date = x12Date(envelope.date ?? DEFAULT_DATE);
  const isa13 = String(envelope.control).padStart(9, '0');
  const id = (value: string) => value.padEnd(15, ' ').slice(0, 15);
  const isa =
    `ISA*00*          *00*          *${envelope.senderQualifier ?? 'ZZ'}*${id(envelope.sender)}` +
    `*${envelope.receiverQualifier ?? 'ZZ'}*${id(envelope.receiver)}*${date.slice(2)}*0930*U*00401*${isa13}` +
    `*0*${envelope.usage ?? 'P'}*>`;
  const body = sets.flatMap((segments, i) => {
    const st02 = String(i + 1).padStart(4, '0');
    const [st, ...rest] = segments;
    return [`${st}*${st02}`, ...rest, `SE*${segments.length + 1}*${st02}`];
  });
  const lines = [
    isa,
    `GS*${functionalId}*${envelope.sender}*${envelope.receiver}*${date}*0930*${envelope.control}*X*004010`,
    ...body,
    `GE*${sets.length}*${envelope.control}`,
    `IEA*1*${isa13}`,
  ];
  return Buffer.from(`${lines.join('~\n')}~\n`);
}

function ackSegment(line: SupplierPoLine, answer: AckAnswer): string {
  const uom = line.uom ?? 'EA';
  switch (answer.status) {
    case 'accept':
      return `ACK*IA*${text(line.quantity)}*${uom}`;
    case 'reject':
      return 'ACK*IR';
    case 'backorder':
      return `ACK*IB*${text(line.quantity)}*${uom}`;
    case 'change-quantity':
      return `ACK*IQ*${text(answer.quantity)}*${uom}`;
    case 'change-price':
      return `ACK*IP*${text(line.quantity)}*${uom}`;
    case 'change-date':
      return `ACK*DR*${text(line.quantity)}*${uom}*068*${x12Date(answer.shipDate)}`;
  }
}

/** The supplier's 855 answering our PO line by line (GS01 PR). */
export function supplier855(envelope: SupplierEnvelope, ack: SupplierAck): Buffer {
  const answers = ack.lines.map((l) => l.answer ?? { status: 'accept' as const });
  const type =
    ack.type ??
    (answers.every((a) => a.status === 'accept')
      ? 'AD'
      : answers.every((a) => a.status === 'reject')
        ? 'RJ'
        : 'AC');
  const poDate = x12Date(ack.poDate ?? DEFAULT_DATE);
  const ackDate = x12Date(ack.ackDate ?? envelope.date ?? DEFAULT_DATE);
  const segments = [
    'ST*855',
    `BAK*00*${type}*${ack.poNumber}*${poDate}****${ack.ackNumber ?? ''}*${ackDate}`,
    `CUR*SE*${ack.currency ?? 'USD'}`,
    ...ack.lines.flatMap((line, i) => {
      const answer = answers[i]!;
      // With IP the echoed PO104 is the supplier's new price.
      const price = answer.status === 'change-price' ? answer.unitPrice : line.unitPrice;
      return [
        `PO1*${line.lineNumber}*${text(line.quantity)}*${line.uom ?? 'EA'}*${text(price)}*PE*SK*${line.sku}`,
        ackSegment(line, answer),
      ];
    }),
    `CTT*${ack.lines.length}*${sum(ack.lines.map((l) => l.quantity))}`,
  ];
  return supplierInterchange(envelope, 'PR', [segments]);
}

/** The supplier's 856 shipping lines of one or more POs, S/O/I pick-pack (GS01 SH). */
export function supplier856(envelope: SupplierEnvelope, asn: SupplierAsn): Buffer {
  const shipDate = x12Date(asn.shipDate ?? envelope.date ?? DEFAULT_DATE);
  const from = asn.shipFrom ?? { name: envelope.sender, code: envelope.sender };
  const to = asn.shipTo ?? { name: 'MAIN DC', code: 'DC1' };
  const levels: string[] = [];
  let hl = 1;
  for (const order of asn.orders) {
    const orderHl = ++hl;
    levels.push(`HL*${orderHl}*1*O`, `PRF*${order.poNumber}***${x12Date(order.poDate ?? DEFAULT_DATE)}`);
    for (const line of order.lines) {
      const uom = line.uom ?? 'EA';
      const ordered = line.ordered === undefined ? '' : `**${text(line.ordered)}*${uom}`;
      levels.push(
        `HL*${++hl}*${orderHl}*I`,
        `LIN*${line.lineNumber}*SK*${line.sku}`,
        `SN1*${line.lineNumber}*${text(line.quantity)}*${uom}${ordered}`,
      );
    }
  }
  const quantities = asn.orders.flatMap((o) => o.lines.map((l) => l.quantity));
  const segments = [
    'ST*856',
    `BSN*${asn.purpose ?? '00'}*${asn.asnNumber}*${shipDate}*0930*0004`,
    'HL*1**S',
    `TD1*CTN25*${quantities.length}`,
    ...(asn.scac ? [`TD5**2*${asn.scac}`] : []),
    ...(asn.billOfLading ? [`REF*BM*${asn.billOfLading}`] : []),
    ...(asn.trackingNumber ? [`REF*2I*${asn.trackingNumber}`] : []),
    `DTM*011*${shipDate}`,
    ...(asn.deliveryDate ? [`DTM*017*${x12Date(asn.deliveryDate)}`] : []),
    `N1*SF*${from.name}*92*${from.code}`,
    `N1*ST*${to.name}*92*${to.code}`,
    ...levels,
    `CTT*${hl}*${sum(quantities)}`,
  ];
  return supplierInterchange(envelope, 'SH', [segments]);
}

/** The supplier's 810 billing PO lines at their prices, TDS the total in cents (GS01 IN). */
export function supplier810(envelope: SupplierEnvelope, invoice: SupplierInvoice): Buffer {
  const total = invoice.lines.reduce(
    (t, l) => addDecimal(t, toPlaces(multiplyDecimal(String(l.quantity), l.unitPrice), 2)),
    '0',
  );
  const cents = impliedN2(toPlaces(total, 2), 'TDS01');
  const invoiceDate = x12Date(invoice.invoiceDate ?? envelope.date ?? DEFAULT_DATE);
  const segments = [
    'ST*810',
    `BIG*${invoiceDate}*${invoice.invoiceNumber}*${x12Date(invoice.poDate ?? DEFAULT_DATE)}*${invoice.poNumber}`,
    `CUR*SE*${invoice.currency ?? 'USD'}`,
    ...(invoice.remitTo ? [`N1*RI*${invoice.remitTo.name}*92*${invoice.remitTo.code}`] : []),
    ...(invoice.shipDate ? [`DTM*011*${x12Date(invoice.shipDate)}`] : []),
    ...invoice.lines.map(
      (l) => `IT1*${l.lineNumber}*${text(l.quantity)}*${l.uom ?? 'EA'}*${text(l.unitPrice)}*PE*SK*${l.sku}`,
    ),
    `TDS*${cents}`,
    `CTT*${invoice.lines.length}*${sum(invoice.lines.map((l) => l.quantity))}`,
  ];
  return supplierInterchange(envelope, 'IN', [segments]);
}

/** A supplier's trading partner profile for `envelope`'s ids: 850 out; 855, 856, 810 and 997 in. */
export function supplierPartnerInput(
  envelope: Pick<SupplierEnvelope, 'sender' | 'receiver' | 'senderQualifier' | 'receiverQualifier'>,
  overrides: Partial<TradingPartnerInput> = {},
): TradingPartnerInput {
  return partnerInput({
    name: `Supplier ${envelope.sender}`,
    role: 'supplier',
    partyId: `sup-${envelope.sender.toLowerCase()}`,
    partner: {
      isa: { qualifier: envelope.senderQualifier ?? 'ZZ', id: envelope.sender },
      gsId: envelope.sender,
    },
    us: {
      isa: { qualifier: envelope.receiverQualifier ?? 'ZZ', id: envelope.receiver },
      gsId: envelope.receiver,
    },
    productIdQualifiers: ['SK', 'VN', 'UP'],
    sets: [
      { set: '850', direction: 'outbound' },
      { set: '855', direction: 'inbound' },
      { set: '856', direction: 'inbound' },
      { set: '810', direction: 'inbound' },
      { set: '997', direction: 'inbound' },
    ],
    ...overrides,
  });
}
