import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, MongoClient } from 'mongodb';
import { openTestDatabase } from '../../test/support/database';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { orderWorkflowId } from '../orders/business-key';
import { createOrderStore } from '../orders/order-store';
import { createPurchaseOrderStore } from '../purchasing/purchase-order-store';
import { samplePurchaseOrderView } from '../purchasing/view-test-support';
import { createDeadLetterStore } from '../dead-letters';
import { createInterchangeStore } from '../edi/interchange-store';
import { createSetStore } from '../edi/set-store';
import type { SetRecord } from '../edi/set-store';
import { isHubError } from '../errors';
import { createTransactionIndex } from './index';
import type { TransactionIndex } from './index';

// Real records in the stack's MongoDB-wire server, written by the hub's own stores; the index only reads them.
let client: MongoClient;
let db: Db;
let index: TransactionIndex;

const CUSTOMER_PO = '4500012345';
const businessKey = `edi:cus_acme:${CUSTOMER_PO}`;
const order: OrderView = {
  orderId: 'so_txn_1',
  workflowId: orderWorkflowId(businessKey),
  businessKey,
  channel: 'edi',
  customerId: 'cus_acme',
  customerPoNumber: CUSTOMER_PO,
  orderNumber: 'SO-77001',
  legalEntityId: 'le_test',
  status: 'on-hold',
  holds: [{ kind: 'item', path: '/lines/0/sku', message: 'item ACME-9 is not mapped' }],
  decisions: [],
  lines: [],
  releases: [],
  shipments: [],
  invoices: [],
  documents: [{ documentType: 'order-ack', documentId: 'ack_txn_1', connectorId: 'edi_acme' }],
  captures: [
    {
      via: 'edi',
      connectorId: 'edi_acme',
      partnerId: 'tp_acme',
      reference: 'ich_in',
      receivedAt: '2026-01-05T10:00:00.000Z',
    },
  ],
  timeline: [
    {
      at: '2026-01-05T10:00:01.000Z',
      kind: 'capture',
      step: 'capture',
      message: 'order captured from EDI 850',
    },
    {
      at: '2026-01-05T10:00:03.000Z',
      kind: 'connector-call',
      step: 'create-erp-order',
      message: 'ERP refused',
      connectorId: 'erp_ns',
    },
  ],
  version: 3,
  updatedAt: '2026-01-05T10:00:04.000Z',
};

const setInput = (
  over: Partial<SetRecord>,
): Omit<SetRecord, '_id' | 'createdAt' | 'updatedAt' | 'replays'> => ({
  interchangeId: 'ich_in',
  connectorId: 'edi_acme',
  partnerId: 'tp_acme',
  direction: 'inbound',
  setId: '850',
  controlNumber: '0001',
  functionalId: 'PO',
  groupControlNumber: '101',
  syntaxStatus: 'A',
  syntaxCodes: [],
  segmentErrors: [],
  status: 'accepted',
  documents: [{ documentType: 'sales-order', id: 'so_txn_1' }],
  segmentCount: 12,
  test: false,
  ...over,
});

beforeAll(async () => {
  ({ client, db } = await openTestDatabase('hub_transactions'));
  index = createTransactionIndex(db);
  await createOrderStore(db).save(order);
  // Our own PO to a supplier carries the same number as the customer's PO: the two must not be mixed up.
  await createPurchaseOrderStore(db).save(
    samplePurchaseOrderView('po_txn_same_number', {
      poNumber: CUSTOMER_PO,
      updatedAt: '2026-01-04T00:00:00.000Z',
    }),
  );
  const interchanges = createInterchangeStore(db);
  const inbound = await interchanges.create({
    connectorId: 'edi_acme',
    partnerId: 'tp_acme',
    direction: 'inbound',
    transport: 'sftp',
    byteCount: 900,
    controlNumber: '000000905',
    status: 'accepted',
  });
  const sets = createSetStore(db);
  await sets.create(setInput({ interchangeId: inbound._id, poNumber: CUSTOMER_PO }));
  await sets.create(
    setInput({
      interchangeId: 'ich_out',
      direction: 'outbound',
      setId: '855',
      functionalId: 'PR',
      controlNumber: '0042',
      groupControlNumber: '42',
      status: 'sent',
      syntaxStatus: 'R',
      poNumber: CUSTOMER_PO,
      documents: [{ documentType: 'order-ack', id: 'ack_txn_1' }],
    }),
  );
  // A set that never became an order (its items did not map) is found on its own.
  await sets.create(
    setInput({
      interchangeId: inbound._id,
      controlNumber: '0002',
      poNumber: '4500099999',
      status: 'failed',
      documents: [],
      error: { kind: 'data', message: 'item ZZ-1 unknown' },
    }),
  );
  const letters = createDeadLetterStore(db);
  await letters.record({
    flow: 'order-to-cash',
    step: 'create-erp-order',
    connectorId: 'erp_ns',
    businessKeys: {
      businessKey,
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      customerPoNumber: CUSTOMER_PO,
    },
    correlationId: 'corr-1',
    workflowId: order.workflowId,
    runId: 'run-1',
    activityType: 'createErpOrder',
    payload: { sku: 'ACME-9' },
    error: { kind: 'data', type: 'HubError', message: 'item ACME-9 has no NetSuite item' },
    attempts: 1,
    failureId: 'f1',
  });
  await letters.record({
    flow: 'master-data-sync',
    step: 'push-item',
    businessKeys: { sku: 'WID-404' },
    correlationId: 'corr-2',
    workflowId: 'master-data/WID-404',
    runId: 'run-2',
    activityType: 'pushItem',
    payload: {},
    error: { kind: 'transient', type: 'Error', message: 'ERP timed out' },
    attempts: 5,
  });
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe('business-transaction record', () => {
  it('finds the order by the customer PO number, apart from our PO with the same number', async () => {
    const hits = await index.search(CUSTOMER_PO);
    const ids = hits.map((h) => h.id);
    expect(ids).toContain('order:so_txn_1');
    expect(ids).toContain('po:po_txn_same_number');
    const hit = hits.find((h) => h.id === 'order:so_txn_1')!;
    expect(hit.matchedOn).toContain('customerPoNumber');
    expect(hit.title).toBe('Order SO-77001 (customer PO 4500012345) of cus_acme');
    expect((await index.get(hit.id)).title).toBe(hit.title);
    expect(hit.openDeadLetters).toBe(1);
    // The 850 and 855 of the order are part of the order, not separate hits.
    expect(hits.filter((h) => h.kind === 'edi-set')).toEqual([]);
  });

  it('finds the same order by its order number, by the ISA13 it came in and by the ST02 of the 855 sent', async () => {
    for (const q of ['SO-77001', '000000905', '0042']) {
      const ids = (await index.search(q)).map((h) => h.id);
      expect(ids, q).toContain('order:so_txn_1');
    }
  });

  it('shows the order as one timeline: capture, 850 with our 997, the failed ERP call, the 855 and its rejection', async () => {
    const record = await index.get('order:so_txn_1');
    expect(record.holds[0]?.path).toBe('/lines/0/sku');
    expect(record.documents.map((d) => `${d.direction}:${d.setId}`)).toEqual(['inbound:850', 'outbound:855']);
    expect(record.documents[0]!.control.interchange).toBe('000000905');
    expect(record.documents[0]!.rawUrl).toMatch(/^\/v1\/edi\/interchanges\/ich_[^/]+\/raw$/);
    expect(record.documents[1]!.acknowledgement).toBe('R');
    expect(record.deadLetters).toMatchObject([{ step: 'create-erp-order', status: 'open' }]);
    const sources = record.timeline.map((t) => `${t.source}:${t.kind}`);
    expect(sources).toEqual(
      expect.arrayContaining([
        'workflow:capture',
        'workflow:connector-call',
        'edi:received',
        'acknowledgement:acknowledgement-sent',
        'edi:sent',
        'acknowledgement:acknowledgement-received',
        'dead-letter:failed',
      ]),
    );
    const times = record.timeline.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(record.numbers).toContainEqual({ name: 'isa13', value: '000000905' });
  });

  it('keeps the PO with the same number apart: none of the customer’s sets or dead letters', async () => {
    const record = await index.get('po:po_txn_same_number');
    expect(record.documents).toEqual([]);
    expect(record.deadLetters).toEqual([]);
  });

  it('finds a set that became no order on its own, and a dead letter of another flow by its number', async () => {
    const [set] = await index.search('4500099999');
    expect(set).toMatchObject({ kind: 'edi-set', status: 'failed' });
    const detail = await index.get(set!.id);
    expect(detail.timeline[0]!.message).toContain('item ZZ-1 unknown');
    const [letter] = await index.search('WID-404');
    expect(letter).toMatchObject({ kind: 'dead-letter', openDeadLetters: 1, matchedOn: ['deadLetter.sku'] });
  });

  it('refuses an empty or overlong search and an id of no known kind, naming the field', async () => {
    for (const q of ['  ', 'x'.repeat(201)]) {
      const err: unknown = await index.search(q).catch((e: unknown) => e);
      expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/query/q');
    }
    const err: unknown = await index.get('invoice:1').catch((e: unknown) => e);
    expect(isHubError(err) && err.fieldErrors?.[0]?.path).toBe('/path/id');
    expect(await index.search('nothing-has-this-number')).toEqual([]);
  });
});
