import { describe, expect, it } from 'vitest';
import type { AdvanceShipNotice } from '../../canonical-model/generated/index';
import type { WriteContext } from '../../connectors/sdk/ports/common';
import { createLogger } from '../../monitoring/logger';
import { createMetrics } from '../../monitoring/metrics';
import type { ConnectorRuntime } from '../../platform/connector-runtime';
import type { OrderView } from '../../workflows/order-to-cash/types';
import { createPurchaseActivities } from '.';
import type { PurchaseActivityDeps } from './deps';
import { failureOf } from './test-world';

// The activities that only delegate, against fakes of their ports: what reaches the port is what a user sees.
function depsWith(overrides: Partial<PurchaseActivityDeps>): PurchaseActivityDeps {
  return {
    runtime: {} as ConnectorRuntime,
    ledger: {} as PurchaseActivityDeps['ledger'],
    edi: {} as PurchaseActivityDeps['edi'],
    poNumbers: { next: () => Promise.reject(new Error('unexpected')) },
    signalClaims: { claim: () => Promise.reject(new Error('unexpected')) },
    purchaseOrders: {
      save: () => Promise.reject(new Error('unexpected')),
      openQuantity: () => Promise.resolve('0'),
    },
    orders: { get: () => Promise.resolve(undefined) },
    orderWorkflows: { retryAllocation: () => Promise.reject(new Error('unexpected')) },
    logger: createLogger('test', 'silent'),
    ...overrides,
  };
}

const order = (orderId: string, status: OrderView['status']) =>
  ({ orderId, workflowId: `order:${orderId}`, status }) as OrderView;

describe('notifyStockArrived', () => {
  it('tells each waiting order once, and skips orders the hub does not know, finished ones and closed workflows', async () => {
    const views = new Map([
      ['so_waiting', order('so_waiting', 'backordered')],
      ['so_partly', order('so_partly', 'partially-shipped')],
      ['so_done', order('so_done', 'completed')],
      ['so_closed', order('so_closed', 'backordered')],
    ]);
    const told: [string, string][] = [];
    const activities = createPurchaseActivities(
      depsWith({
        orders: { get: (id) => Promise.resolve(views.get(id)) },
        orderWorkflows: {
          retryAllocation: (workflowId, reason) => {
            if (workflowId === 'order:so_closed')
              return Promise.reject(Object.assign(new Error('gone'), { name: 'WorkflowNotFoundError' }));
            told.push([workflowId, reason]);
            return Promise.resolve();
          },
        },
      }),
    );
    await activities.notifyStockArrived({
      salesOrderIds: ['so_waiting', 'so_unknown', 'so_done', 'so_closed', 'so_partly', 'so_waiting'],
      reason: 'PO PO-1 received',
    });
    expect(told).toEqual([
      ['order:so_waiting', 'PO PO-1 received'],
      ['order:so_partly', 'PO PO-1 received'],
    ]);
  });

  it('lets any other failure of the signal through, so the activity is retried', async () => {
    const activities = createPurchaseActivities(
      depsWith({
        orders: { get: (id) => Promise.resolve(order(id, 'backordered')) },
        orderWorkflows: { retryAllocation: () => Promise.reject(new Error('temporal unavailable')) },
      }),
    );
    await expect(activities.notifyStockArrived({ salesOrderIds: ['so_1'], reason: 'r' })).rejects.toThrow(
      'temporal unavailable',
    );
  });
});

describe('bookkeeping', () => {
  it('claims each signal id once, and claims nothing for no signals', async () => {
    const calls: [string, string[]][] = [];
    const activities = createPurchaseActivities(
      depsWith({
        signalClaims: {
          claim: (proposalId, ids) => {
            calls.push([proposalId, ids]);
            return Promise.resolve(ids.slice(1));
          },
        },
      }),
    );
    expect(await activities.claimSignals({ proposalId: 'prop_1', signalIds: ['s1', 's2', 's1'] })).toEqual([
      's2',
    ]);
    expect(await activities.claimSignals({ proposalId: 'prop_1', signalIds: [] })).toEqual([]);
    expect(calls).toEqual([['prop_1', ['s1', 's2']]]);
  });

  it('refuses a PO number request without a proposal id as data, naming it', async () => {
    const activities = createPurchaseActivities(depsWith({}));
    const err = await failureOf(activities.nextPoNumber({ proposalId: '', legalEntityId: 'le_1' }));
    expect(err.kind).toBe('data');
    expect(err.fieldErrors?.map((f) => f.path)).toEqual(['/proposalId']);
  });

  it('puts the policy prefix before the number the allocator draws', async () => {
    const activities = createPurchaseActivities(
      depsWith({ poNumbers: { next: () => Promise.resolve('4500000007') } }),
    );
    expect(await activities.nextPoNumber({ proposalId: 'p1', legalEntityId: 'le_1', prefix: 'HUB-' })).toBe(
      'HUB-4500000007',
    );
    expect(await activities.nextPoNumber({ proposalId: 'p1', legalEntityId: 'le_1' })).toBe('4500000007');
  });

  it('counts escalations by reason in hub_purchase_escalations_total', async () => {
    const metrics = createMetrics('worker');
    const activities = createPurchaseActivities(depsWith({ escalations: metrics.purchaseEscalations }));
    await activities.escalatePurchaseOrder({
      purchaseOrderId: 'po_1',
      poNumber: 'PO-1',
      reason: 'ack-overdue',
    });
    await activities.escalatePurchaseOrder({
      purchaseOrderId: 'po_2',
      poNumber: 'PO-2',
      reason: 'ack-overdue',
    });
    await activities.escalatePurchaseOrder({
      purchaseOrderId: 'po_1',
      poNumber: 'PO-1',
      reason: 'approval-overdue',
    });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/hub_purchase_escalations_total\{reason="ack-overdue",service="worker"\} 2/);
    expect(text).toMatch(/hub_purchase_escalations_total\{reason="approval-overdue",service="worker"\} 1/);
  });
});

describe('createExpectedReceipt', () => {
  it('asks the WMS once per ASN id: the idempotency key is the ASN id', async () => {
    const keys: string[] = [];
    const runtime = {
      instance: (connectorId: string, kind: string) =>
        Promise.resolve({
          createExpectedReceipt: (asn: AdvanceShipNotice, context: WriteContext) => {
            keys.push(`${connectorId}/${kind}/${asn.id}/${context.idempotencyKey}`);
            return Promise.resolve({ externalId: 'wms-po-1', created: true });
          },
        }),
      writeContext: (_connectorId: string, idempotencyKey: string) => ({
        idempotencyKey,
        references: { externalId: () => Promise.resolve(undefined) },
      }),
      link: () => Promise.resolve(),
    } as unknown as ConnectorRuntime;
    const activities = createPurchaseActivities(depsWith({ runtime }));
    const asn = { id: 'asn_1', documentType: 'advance-ship-notice' } as AdvanceShipNotice;
    expect(await activities.createExpectedReceipt({ wmsConnectorId: 'con_wms', asn })).toEqual({
      externalId: 'wms-po-1',
      created: true,
    });
    expect(keys).toEqual(['con_wms/wms/asn_1/asn/asn_1']);
  });
});
