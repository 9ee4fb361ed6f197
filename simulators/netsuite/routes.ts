/**
 * The REST Record API routes under `/services/rest/record/v1`: list (limit/offset/q), get by internal id or
 * `eid:`, create (204 + Location; orders, credit memos and inventory adjustments), upsert by external id (PUT `eid:`), and `!transform`
 * (including invoice → creditMemo). Every call must carry a valid token-based-authentication signature.
 */
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { NetSuiteSimError, netSuiteError } from './errors';
import type { NetSuiteSimSettings } from './index';
import { oauthProblem } from './oauth';
import { CREATABLE, READABLE, buildOrder, findRecord, matchesQuery } from './records';
import type { NsRecord } from './records';
import { createInventoryAdjustment } from './adjustments';
import { createCreditMemo, creditMemoFromInvoice } from './credit-memos';
import { transformRecord } from './transforms';
import { patchOrder } from './patch';
import { pay, paymentRoutes } from './payments';

const RECORD_ROOT = '/services/rest/record/v1';
const MAX_LIMIT = 1000;

function recordUrl(sim: Simulator, type: string, id: string): string {
  return `${sim.url}${RECORD_ROOT}/${type}/${id}`;
}

function readable(type: string): void {
  if (!READABLE.has(type))
    throw new NetSuiteSimError(404, `Record type ${type} is not supported.`, 'INVALID_RCRD_TYPE');
}

function notFound(): NetSuiteSimError {
  return new NetSuiteSimError(404, 'The record instance does not exist. Provide a valid record instance ID.');
}

/** The record as GET answers it: sublists inline, `links`, and any corruption the settings ask for. */
function present(sim: Simulator<NetSuiteSimSettings>, type: string, record: NsRecord): NsRecord {
  const out: NsRecord = { links: [{ rel: 'self', href: recordUrl(sim, type, record.id) }], ...record };
  if (type === 'inventoryItem' && sim.settings.brokenItems.includes(String(record.itemId))) {
    out.basePrice = '12,50 USD';
  }
  return out;
}

function list(sim: Simulator<NetSuiteSimSettings>, type: string, req: Request, res: Response): void {
  const limit = req.query.limit === undefined ? MAX_LIMIT : Number(req.query.limit);
  const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new NetSuiteSimError(
      400,
      `Invalid limit: it must be between 1 and ${MAX_LIMIT}.`,
      'INVALID_PARAMETER',
    );
  }
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) {
    throw new NetSuiteSimError(
      400,
      'Invalid offset: it must be a multiple of the limit.',
      'INVALID_PARAMETER',
    );
  }
  const q = typeof req.query.q === 'string' ? req.query.q : undefined;
  const matching = sim.store.collection<NsRecord>(type).filter((r) => matchesQuery(r, q));
  const page = matching.slice(offset, offset + limit);
  const hasMore = offset + limit < matching.length;
  const self = `${sim.url}${RECORD_ROOT}/${type}?limit=${limit}&offset=${offset}`;
  sim.sendJson(res, 200, {
    links: [
      { rel: 'self', href: self },
      ...(hasMore
        ? [{ rel: 'next', href: `${sim.url}${RECORD_ROOT}/${type}?limit=${limit}&offset=${offset + limit}` }]
        : []),
    ],
    count: page.length,
    hasMore,
    offset,
    totalResults: matching.length,
    items: page.map((r) => ({ links: [{ rel: 'self', href: recordUrl(sim, type, r.id) }], id: r.id })),
  });
}

function created(sim: Simulator, res: Response, type: string, record: NsRecord): void {
  res.setHeader('Location', recordUrl(sim, type, record.id));
  res.status(204).end();
}

function handle(sim: Simulator<NetSuiteSimSettings>, req: Request, res: Response): void {
  const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [type = '', key, bang, target] = segments;
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (req.method === 'GET' && segments.length === 1) {
    readable(type);
    return list(sim, type, req, res);
  }
  if (req.method === 'GET' && segments.length === 2 && key) {
    readable(type);
    const record = findRecord(sim, type, key);
    if (!record) throw notFound();
    return sim.sendJson(res, 200, present(sim, type, record));
  }
  if (req.method === 'PATCH' && segments.length === 2 && key) {
    patchOrder(sim, type, key, body);
    return void res.status(204).end();
  }
  if (req.method === 'POST' && segments.length === 1 && type === 'creditMemo') {
    return created(sim, res, type, createCreditMemo(sim, body));
  }
  if (req.method === 'POST' && segments.length === 1 && type === 'inventoryAdjustment') {
    return created(sim, res, type, createInventoryAdjustment(sim, body));
  }
  if (req.method === 'POST' && segments.length === 1) {
    const record = buildOrder(sim, type, body);
    if (typeof record.externalId === 'string' && findRecord(sim, type, `eid:${record.externalId}`)) {
      throw new NetSuiteSimError(
        400,
        `A record with external ID ${record.externalId} already exists.`,
        'DUP_RCRD',
      );
    }
    return created(sim, res, type, sim.store.collection<NsRecord>(type).put(record.id, record));
  }
  if (req.method === 'PUT' && segments.length === 2 && key?.startsWith('eid:')) {
    if (!CREATABLE[type]) throw new NetSuiteSimError(400, `Records of type ${type} cannot be upserted.`);
    const existing = findRecord(sim, type, key);
    const record = buildOrder(sim, type, { ...body, externalId: key.slice(4) }, existing);
    return created(sim, res, type, sim.store.collection<NsRecord>(type).put(record.id, record));
  }
  if (req.method === 'POST' && segments.length === 4 && type === 'invoice' && key && bang === '!transform') {
    if (target !== 'creditMemo')
      throw new NetSuiteSimError(400, `You cannot transform a ${type} into a ${String(target)}.`);
    return created(sim, res, target, creditMemoFromInvoice(sim, key, body));
  }
  if (req.method === 'POST' && segments.length === 4 && key && bang === '!transform' && target) {
    const record = transformRecord(sim, type, key, target, body);
    if (target === 'vendorBill' && sim.settings.autoPayBills) pay(sim, target, record.id);
    return created(sim, res, target, record);
  }
  throw new NetSuiteSimError(405, `${req.method} is not allowed on ${req.path}.`, 'METHOD_NOT_ALLOWED');
}

/** Mounts the authenticated record API. */
export function netSuiteRoutes(router: Router, sim: Simulator<NetSuiteSimSettings>): void {
  paymentRoutes(router, sim);
  const seenNonces = new Set<string>();
  router.use('/services/rest', (req, res, next) => {
    if (oauthProblem(req, sim.settings, seenNonces)) {
      res.status(401).json(netSuiteError(401, 'Invalid login attempt.', 'INVALID_LOGIN'));
      return;
    }
    next();
  });
  router.use(RECORD_ROOT, (req, res) => {
    try {
      handle(sim, req, res);
    } catch (err) {
      if (!(err instanceof NetSuiteSimError)) throw err;
      res.status(err.status).json(netSuiteError(err.status, err.message, err.code));
    }
  });
}
