/** The portal's REST API under /api/v1 (see README.md): API-key auth, idempotent PO intake, cursor-paged lists. */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { portalId } from './ids';
import { processPurchaseOrder } from './lifecycle';
import { listPage, QueryError } from './pagination';
import type { Listable } from './pagination';
import type { PortalPoLine, PortalPurchaseOrder } from './records';
import type { PortalParty, PortalSupplier } from './seed';
import type { SupplierPortalSimSettings } from './settings';

type PortalSim = Simulator<SupplierPortalSimSettings>;

/** Units of measure the portal knows (its own lower-case names). */
export const PORTAL_UNITS = [
  'each',
  'piece',
  'dozen',
  'pair',
  'set',
  'kit',
  'case',
  'box',
  'pack',
  'carton',
  'pallet',
  'roll',
  'bag',
  'kg',
  'lb',
  'liter',
  'meter',
];

/** One field the portal refused. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The portal's error body. */
export function portalError(code: string, message: string, fields: FieldProblem[] = []) {
  return { error: { code, message, fields } };
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** The error body for a status, as the kit's injected failures use it. */
export function errorBodyFor(status: number, message: string) {
  return portalError(CODES[status] ?? (status >= 500 ? 'internal_error' : 'error'), message);
}

const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function validatePo(body: Record<string, unknown>, sim: PortalSim): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || problems.push({ field, message });
  need(body.buyer_code === sim.settings.buyerCode, 'buyer_code', 'is not the buyer account of this API key');
  need(
    typeof body.supplier_id === 'string' &&
      sim.store.collection('suppliers').get(body.supplier_id) !== undefined,
    'supplier_id',
    'is not a supplier this buyer trades with',
  );
  need(typeof body.po_number === 'string' && body.po_number.trim() !== '', 'po_number', 'is required');
  need(typeof body.order_date === 'string' && DATE.test(body.order_date), 'order_date', 'must be YYYY-MM-DD');
  need(typeof body.currency === 'string' && /^[A-Z]{3}$/.test(body.currency), 'currency', 'must be ISO 4217');
  const shipTo = body.ship_to as PortalParty | undefined;
  need(
    !!shipTo && typeof shipTo === 'object' && !!(shipTo.code || shipTo.gln || shipTo.address),
    'ship_to',
    'needs a code, a GLN or an address',
  );
  const lines = Array.isArray(body.lines) ? (body.lines as Record<string, unknown>[]) : [];
  need(lines.length > 0, 'lines', 'needs at least one line');
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    need(Number.isInteger(line.line_number), `${at}.line_number`, 'must be a whole number');
    need(!!line.sku || !!line.vendor_part, `${at}.sku`, 'a line needs a sku or a vendor_part');
    need(
      typeof line.quantity === 'string' && DECIMAL.test(line.quantity) && Number(line.quantity) > 0,
      `${at}.quantity`,
      'must be a positive decimal string',
    );
    need(PORTAL_UNITS.includes(String(line.unit)), `${at}.unit`, `must be one of ${PORTAL_UNITS.join(', ')}`);
    need(
      typeof line.unit_price === 'string' && DECIMAL.test(line.unit_price),
      `${at}.unit_price`,
      'must be a decimal string',
    );
    need(
      line.requested_date === undefined ||
        (typeof line.requested_date === 'string' && DATE.test(line.requested_date)),
      `${at}.requested_date`,
      'must be YYYY-MM-DD',
    );
  });
  return problems;
}

function createPurchaseOrder(sim: PortalSim, req: Request, res: Response): void {
  const key = req.get('idempotency-key');
  if (!key) {
    res
      .status(400)
      .json(portalError('idempotency_key_required', 'Send an Idempotency-Key header with every POST'));
    return;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fingerprint = createHash('sha256').update(stable(body)).digest('hex');
  const keys = sim.store.collection<{ id: string; fingerprint: string; poId: string }>('idempotency-keys');
  const pos = sim.store.collection<PortalPurchaseOrder>('purchase-orders');
  const seen = keys.get(key);
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      res
        .status(422)
        .json(
          portalError(
            'idempotency_key_reused',
            'This Idempotency-Key was used with a different request body',
          ),
        );
      return;
    }
    res.setHeader('Idempotent-Replayed', 'true');
    sim.sendJson(res, 200, pos.get(seen.poId));
    return;
  }
  const problems = validatePo(body, sim);
  if (problems.length) {
    const first = problems[0]!;
    res
      .status(422)
      .json(
        portalError(
          'validation_failed',
          `The purchase order is invalid: ${first.field} ${first.message}`,
          problems,
        ),
      );
    return;
  }
  const existing = pos.find((p) => p.po_number === body.po_number && p.supplier_id === body.supplier_id);
  if (existing) {
    res
      .status(409)
      .json(
        portalError(
          'duplicate_po_number',
          `Purchase order ${existing.po_number} was already submitted to this supplier as ${existing.id}`,
        ),
      );
    return;
  }
  const at = new Date().toISOString();
  const po: PortalPurchaseOrder = {
    id: portalId('po'),
    object: 'purchase_order',
    sequence: sim.store.next('po-sequence'),
    status: 'submitted',
    buyer_code: String(body.buyer_code),
    supplier_id: String(body.supplier_id),
    po_number: String(body.po_number),
    ...(typeof body.buyer_reference === 'string' ? { buyer_reference: body.buyer_reference } : {}),
    order_date: String(body.order_date),
    currency: String(body.currency),
    ...(typeof body.requested_delivery_date === 'string'
      ? { requested_delivery_date: body.requested_delivery_date }
      : {}),
    ship_to: body.ship_to as PortalParty,
    lines: body.lines as PortalPoLine[],
    idempotency_key: key,
    created_at: at,
    updated_at: at,
  };
  pos.put(po.id, po);
  keys.put(key, { id: key, fingerprint, poId: po.id });
  processPurchaseOrder(sim, po.id);
  sim.sendJson(res, 201, po);
}

/** Mounts the portal API on the simulator's router. */
export function portalRoutes(router: Router, sim: PortalSim): void {
  router.get('/api/v1/status', (_req, res) => {
    res.json({ status: 'ok', api_version: 'v1' });
  });

  const authenticate = (req: Request, res: Response, next: NextFunction) => {
    if (req.get('authorization') !== `Bearer ${sim.settings.apiKey}`) {
      res.status(401).json(portalError('invalid_api_key', 'The API key is missing, revoked or invalid'));
      return;
    }
    next();
  };
  const scope = (needed: string) => (_req: Request, res: Response, next: NextFunction) => {
    if (!sim.settings.scopes.includes(needed)) {
      res.status(403).json(portalError('insufficient_scope', `The API key lacks the scope ${needed}`));
      return;
    }
    next();
  };
  router.use('/api/v1', authenticate);

  router.get('/api/v1/me', (_req, res) => {
    res.json({
      object: 'api_key',
      buyer: { code: sim.settings.buyerCode, name: sim.settings.buyerName },
      scopes: sim.settings.scopes,
    });
  });
  router.get('/api/v1/suppliers', (_req, res) => {
    const data = sim.store.collection<PortalSupplier>('suppliers').all();
    res.json({ object: 'list', data, has_more: false, next_cursor: null });
  });
  router.post('/api/v1/purchase-orders', scope('purchase_orders:write'), (req, res) => {
    createPurchaseOrder(sim, req, res);
  });
  router.get('/api/v1/purchase-orders', scope('purchase_orders:write'), (req, res) => {
    const poNumber = typeof req.query.po_number === 'string' ? req.query.po_number : undefined;
    const all = sim.store.collection<PortalPurchaseOrder>('purchase-orders').all();
    list(res, () =>
      listPage(
        all.filter((p) => !poNumber || p.po_number === poNumber),
        req,
        sim.settings.maxPageSize,
      ),
    );
  });
  router.get('/api/v1/purchase-orders/:id', scope('purchase_orders:write'), (req, res) => {
    const po = sim.store.collection<PortalPurchaseOrder>('purchase-orders').get(String(req.params.id));
    if (po) sim.sendJson(res, 200, po);
    else res.status(404).json(portalError('not_found', 'No such purchase order'));
  });
  const lists: [string, string, string][] = [
    ['/api/v1/acknowledgements', 'acknowledgements', 'acknowledgements:read'],
    ['/api/v1/asns', 'asns', 'asns:read'],
    ['/api/v1/invoices', 'invoices', 'invoices:read'],
  ];
  for (const [path, collection, needed] of lists) {
    router.get(path, scope(needed), (req, res) => {
      list(res, () =>
        listPage(sim.store.collection<Listable>(collection).all(), req, sim.settings.maxPageSize),
      );
    });
  }

  function list(res: Response, page: () => unknown): void {
    try {
      sim.sendJson(res, 200, page());
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      res
        .status(400)
        .json(portalError('invalid_query', err.message, [{ field: err.field, message: err.message }]));
    }
  }
}
