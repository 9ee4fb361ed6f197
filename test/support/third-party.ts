/**
 * A 3PL for the order-to-cash end-to-end tests, beside the hub of order-hub.ts: an EDI connector of its own on the
 * stack's SFTP server (its outbound folder is the 3PL's inbox, its inbound folder where the hub polls for the
 * 3PL's files), a trading partner with role 3pl (940 out, 945 in), and the policy's second warehouse run by it.
 * The test plays the 3PL: it reads the hub's 940 and answers with a 945.
 */
import { randomUUID } from 'node:crypto';
import { createStockLedger } from '../../platform/orders/stock-ledger';
import type { OrderPolicy } from '../../platform/orders/policy';
import { partnerBody, sftpFolders } from './edi';
import type { SftpFolders } from './edi';
import { LEGAL_ENTITY } from './order-hub';
import type { OrderHub } from './order-hub';
import { eventually } from './processes';

/** The warehouse the 3PL runs: the policy's second one (NetSuite's Reno DC). */
export const THIRD_PARTY_LOCATION = 'loc_dc_secondary';

/** One line of a 940 as the 3PL reads it. */
export interface ShippingOrderLine {
  lineNumber: number;
  orderLineNumber: number;
  quantity: string;
  uom: string;
  sku: string;
}

/** A 940 as the 3PL reads it: W05 order number and PO, and its LX/W01/N9*LI lines. */
export interface ReceivedShippingOrder {
  fileName: string;
  orderNumber: string;
  poNumber?: string;
  lines: ShippingOrderLine[];
}

/** The running 3PL. */
export interface ThirdParty {
  connectorId: string;
  partnerId: string;
  folders: SftpFolders;
  /** Waits for the 940 whose W05 carries `orderNumber` in the 3PL's inbox. */
  received940(orderNumber: string, timeoutMs?: number): Promise<ReceivedShippingOrder>;
  /** Drops a 945 where the hub polls: `shipped` per order line number (the rest is short). */
  send945(order: ReceivedShippingOrder, shipped: Record<number, string>): Promise<string>;
}

/** Reads the segments of an X12 text written with `*` and `~`. */
function segmentsOf(text: string): string[][] {
  return text
    .split('~')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split('*'));
}

/** The 3PL's reading of a 940. */
export function read940(fileName: string, text: string): ReceivedShippingOrder {
  const segments = segmentsOf(text);
  const w05 = segments.find((s) => s[0] === 'W05') ?? [];
  const lines: ShippingOrderLine[] = [];
  for (const s of segments) {
    if (s[0] === 'LX')
      lines.push({ lineNumber: Number(s[1]), orderLineNumber: Number(s[1]), quantity: '', uom: '', sku: '' });
    const line = lines[lines.length - 1];
    if (!line) continue;
    if (s[0] === 'W01') {
      line.quantity = s[1] ?? '';
      line.uom = s[2] ?? '';
      const pairs = s.slice(4);
      for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i] === 'SK') line.sku = pairs[i + 1] ?? '';
    }
    if (s[0] === 'N9' && s[1] === 'LI') line.orderLineNumber = Number(s[2]);
  }
  return { fileName, orderNumber: w05[2] ?? '', ...(w05[3] ? { poNumber: w05[3] } : {}), lines };
}

/** A 945 from the 3PL (RENO3PL → DISTRIB) for `order`: each line ordered, shipped and the difference. */
export function interchange945(
  control: number,
  order: ReceivedShippingOrder,
  shipmentId: string,
  shipped: Record<number, string>,
): Buffer {
  const isa13 = String(control).padStart(9, '0');
  const detail = order.lines.flatMap((l) => {
    const out = shipped[l.orderLineNumber] ?? l.quantity;
    const short = String(Number(l.quantity) - Number(out));
    return [
      `LX*${l.lineNumber}`,
      `W12*${short === '0' ? 'CC' : 'CP'}*${l.quantity}*${out}*${short}*${l.uom}**SK*${l.sku}`,
      `N9*LI*${l.orderLineNumber}`,
    ];
  });
  const total = order.lines.reduce((t, l) => t + Number(shipped[l.orderLineNumber] ?? l.quantity), 0);
  const segments = [
    'ST*945*0001',
    `W06*F*${order.orderNumber}*20261202*${shipmentId}**${order.poNumber ?? ''}`,
    'N1*ST*MAIN STORE*92*0042',
    'N1*SF*RENO 3PL*92*RENO1',
    `N9*BM*BOL${control}`,
    'G62*11*20261202',
    'W27*M*UPSN',
    ...detail,
    `W03*${total}`,
    `SE*${detail.length + 9}*0001`,
  ];
  const body = [
    `ISA*00*          *00*          *ZZ*RENO3PL        *ZZ*DISTRIB        *261202*0930*U*00401*${isa13}*0*P*>`,
    `GS*SW*RENO3PL*DISTRIB*20261202*0930*${control}*X*004010`,
    ...segments,
    `GE*1*${control}`,
    `IEA*1*${isa13}`,
  ];
  return Buffer.from(`${body.join('~\n')}~\n`);
}

/**
 * Adds the 3PL to the hub and makes the policy's second warehouse its own (short picks cancelled, so an order
 * closes with what shipped). `stock` puts on-hand figures into the hub's ledger: `{ sku: [primary, 3PL] }`.
 */
export async function addThirdParty(
  hub: OrderHub,
  stock: Record<string, [number, number]> = {},
): Promise<ThirdParty> {
  const folders = await sftpFolders();
  const created = await hub.call<{ id: string }>('POST', '/v1/connectors', {
    name: `3PL Reno ${randomUUID().slice(0, 6)}`,
    type: 'edi-x12-sftp',
    config: { ...folders.config, pollIntervalSeconds: 5 },
  });
  if (created.status !== 201)
    throw new Error(`3PL connector: ${created.status} ${JSON.stringify(created.body)}`);
  const connectorId = created.body.id;
  const partner = await hub.call<{ id: string }>(
    'POST',
    '/v1/trading-partners',
    partnerBody(connectorId, {
      name: 'Reno Fulfilment 3PL',
      legalEntityId: LEGAL_ENTITY,
      role: '3pl',
      partyId: THIRD_PARTY_LOCATION,
      partner: { isa: { qualifier: 'ZZ', id: 'RENO3PL' }, gsId: 'RENO3PL' },
      productIdQualifiers: ['SK', 'UP'],
      sets: [
        { set: '940', direction: 'outbound' },
        { set: '945', direction: 'inbound' },
        { set: '997', direction: 'inbound' },
      ],
    }),
  );
  if (partner.status !== 201)
    throw new Error(`3PL partner: ${partner.status} ${JSON.stringify(partner.body)}`);
  const partnerId = partner.body.id;

  const current = await hub.call<OrderPolicy & Record<string, unknown>>(
    'GET',
    `/v1/order-policy/${LEGAL_ENTITY}`,
  );
  // The stored record without what the input does not take (the entity is the path; the rest is the store's).
  const fields: Record<string, unknown> = { ...current.body };
  for (const key of ['legalEntityId', 'revision', 'updatedAt', 'updatedBy']) delete fields[key];
  const policy = await hub.call('PUT', `/v1/order-policy/${LEGAL_ENTITY}`, {
    ...fields,
    warehouses: current.body.warehouses.map((w) =>
      w.locationId === THIRD_PARTY_LOCATION
        ? { ...w, thirdParty: { ediConnectorId: connectorId, partnerId } }
        : w,
    ),
    shortPickAction: 'cancel',
  });
  if (policy.status !== 200) throw new Error(`policy: ${policy.status} ${JSON.stringify(policy.body)}`);

  const ledger = createStockLedger(hub.db);
  const asOf = new Date().toISOString();
  for (const [sku, [primary, third]] of Object.entries(stock)) {
    for (const [locationId, onHand] of [
      ['loc_dc_primary', primary],
      [THIRD_PARTY_LOCATION, third],
    ] as const)
      await ledger.setStock({
        opId: `test-3pl/${locationId}/${sku}`,
        sku,
        locationId,
        onHand: String(onHand),
        held: '0',
        asOf,
      });
  }

  let control = 700000 + (Date.now() % 99999);
  return {
    connectorId,
    partnerId,
    folders,
    async received940(orderNumber, timeoutMs = 60_000) {
      return eventually(
        `940 for ${orderNumber} in the 3PL's inbox`,
        async () => {
          for (const name of await folders.names(folders.config.outboundDir)) {
            if (!name.startsWith('940')) continue;
            const text = (await folders.read(`${folders.config.outboundDir}/${name}`)).toString('latin1');
            const order = read940(name, text);
            if (order.orderNumber === orderNumber) return order;
          }
          return undefined;
        },
        timeoutMs,
        500,
      );
    },
    async send945(order, shipped) {
      control += 1;
      const shipmentId = `SHP${control}`;
      await folders.drop(`945-${control}.x12`, interchange945(control, order, shipmentId, shipped));
      return shipmentId;
    },
  };
}
