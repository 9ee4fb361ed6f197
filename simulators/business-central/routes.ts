/**
 * The API v2.0 routes: `/v2.0/{tenant}/{environment}/api/v2.0/companies({id})/{entitySet}[({id})][/{child}|/Microsoft.NAV.{action}]`
 * with OData reads (`$filter`, `$expand`, paging), the writes of documents.ts and the credit memos of
 * credit-memos.ts.
 */
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { requireToken, tokenRoute } from './auth';
import { createCreditMemo, postCreditMemo } from './credit-memos';
import { CHILD_OF, createDocument, createLine, deleteLine, patchRecord, postAction } from './documents';
import { BcHttpError, bcError, matches, pageSizeOf, parseFilter } from './odata';
import { itemJournalRoutes } from './item-journal';
import { paymentRoutes } from './payments';
import type { BcSimSettings } from './settings';

type BcRecord = Record<string, unknown>;

/** Entity sets the API exposes; each is one store collection. */
const ENTITY_SETS = new Set([
  'items',
  'customers',
  'vendors',
  'locations',
  'paymentTerms',
  'salesOrders',
  'purchaseOrders',
  'salesShipments',
  'salesInvoices',
  'purchaseReceipts',
  'purchaseInvoices',
  'salesCreditMemos',
  'customerPayments',
  'vendorPayments',
  'itemLedgerEntries',
  'salesPrices',
]);

interface Segment {
  name: string;
  key?: string;
}

function segments(path: string): Segment[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const m = /^([\w.]+)(?:\(([^)]*)\))?$/.exec(decodeURIComponent(part));
      if (!m) throw new BcHttpError(400, `The request URI segment '${part}' is not valid.`);
      return { name: m[1]!, ...(m[2] === undefined ? {} : { key: m[2].replace(/^'|'$/g, '') }) };
    });
}

function expand(
  sim: Simulator<BcSimSettings>,
  set: string,
  record: BcRecord,
  expandQuery: unknown,
): BcRecord {
  const wanted = typeof expandQuery === 'string' ? expandQuery.split(',').map((e) => e.trim()) : [];
  const out = { ...record };
  for (const name of wanted) {
    if (name === CHILD_OF[set]) {
      out[name] = sim.store.collection<BcRecord>(name).filter((l) => l.documentId === record.id);
    } else if (name === 'paymentTerm' && typeof record.paymentTermsId === 'string') {
      out[name] = sim.store.collection('paymentTerms').get(record.paymentTermsId) ?? null;
    } else {
      throw new BcHttpError(400, `Could not find a navigation property named '${name}'.`);
    }
  }
  return out;
}

function sendCollection(
  sim: Simulator<BcSimSettings>,
  req: Request,
  res: Response,
  all: BcRecord[],
  context: string,
): void {
  const clauses = parseFilter(typeof req.query.$filter === 'string' ? req.query.$filter : undefined);
  const found = all.filter((r) => matches(r, clauses));
  const top = typeof req.query.$top === 'string' ? Number(req.query.$top) : undefined;
  const limited = top === undefined ? found : found.slice(0, top);
  const size = pageSizeOf(req.get('prefer'), sim.settings.pageSize);
  const offset = typeof req.query.$skiptoken === 'string' ? Number(req.query.$skiptoken) || 0 : 0;
  const page = limited.slice(offset, offset + size);
  const body: BcRecord = { '@odata.context': `${sim.url}/$metadata#${context}`, value: page };
  if (offset + size < limited.length) {
    const next = new URL(req.originalUrl, sim.url);
    next.searchParams.set('$skiptoken', String(offset + size));
    body['@odata.nextLink'] = next.toString();
  }
  if (req.get('prefer')?.includes('odata.maxpagesize') && body['@odata.nextLink'] === undefined) {
    res.setHeader('Preference-Applied', `odata.maxpagesize=${size}`);
  }
  sim.sendJson(res, 200, body);
}

function handle(sim: Simulator<BcSimSettings>, req: Request, res: Response): void {
  const [tenant, environment, rest = ''] = [req.params[0], req.params[1], req.params[2]];
  const s = sim.settings;
  requireToken(sim, req.get('authorization'));
  if (tenant !== s.tenantId || environment !== s.environment) {
    throw new BcHttpError(
      404,
      `Environment '${String(environment)}' of tenant '${String(tenant)}' does not exist.`,
    );
  }
  const segs = segments(rest);
  const [company, entity, child] = segs;
  if (!company || company.name !== 'companies') throw new BcHttpError(404, `No resource at '${rest}'.`);
  const companies = sim.store.collection<BcRecord>('companies');
  if (company.key === undefined) {
    if (req.method !== 'GET' || entity) throw new BcHttpError(405, 'Method not allowed.');
    sendCollection(sim, req, res, companies.all(), 'companies');
    return;
  }
  const companyRecord = companies.get(company.key);
  if (!companyRecord)
    throw new BcHttpError(404, `The company '${company.key}' does not exist.`, 'BadRequest_NotFound');
  if (!entity) {
    sim.sendJson(res, 200, companyRecord);
    return;
  }
  if (!ENTITY_SETS.has(entity.name)) {
    throw new BcHttpError(404, `Resource not found for the segment '${entity.name}'.`, 'BadRequest_NotFound');
  }
  const collection = sim.store.collection<BcRecord>(entity.name);
  if (entity.key === undefined) {
    if (req.method === 'GET') {
      const all = collection.all().map((r) => expand(sim, entity.name, r, req.query.$expand));
      sendCollection(sim, req, res, all, `companies(${company.key})/${entity.name}`);
    } else if (req.method === 'POST') {
      const body = req.body as BcRecord;
      const created =
        entity.name === 'salesCreditMemos'
          ? createCreditMemo(sim, body)
          : createDocument(sim, entity.name, body);
      sim.sendJson(res, 201, created);
    } else throw new BcHttpError(405, 'Method not allowed.');
    return;
  }
  const record = collection.get(entity.key);
  if (!record) {
    throw new BcHttpError(
      404,
      `The ${entity.name} record '${entity.key}' does not exist.`,
      'BadRequest_NotFound',
    );
  }
  if (!child) {
    if (req.method === 'GET') sim.sendJson(res, 200, expand(sim, entity.name, record, req.query.$expand));
    else if (req.method === 'PATCH') {
      sim.sendJson(
        res,
        200,
        patchRecord(sim, entity.name, record, req.body as BcRecord, req.get('if-match')),
      );
    } else throw new BcHttpError(405, 'Method not allowed.');
    return;
  }
  if (child.name.startsWith('Microsoft.NAV.')) {
    if (req.method !== 'POST') throw new BcHttpError(405, 'Method not allowed.');
    const action = child.name.slice('Microsoft.NAV.'.length);
    if (entity.name === 'salesCreditMemos') postCreditMemo(sim, record, action);
    else postAction(sim, entity.name, record, action);
    res.status(204).end();
    return;
  }
  if (child.name !== CHILD_OF[entity.name]) {
    throw new BcHttpError(404, `Resource not found for the segment '${child.name}'.`, 'BadRequest_NotFound');
  }
  const lines = sim.store.collection<BcRecord>(child.name);
  if (child.key === undefined) {
    if (req.method === 'GET') {
      const all = lines.filter((l) => l.documentId === record.id);
      sendCollection(
        sim,
        req,
        res,
        all,
        `companies(${company.key})/${entity.name}(${entity.key})/${child.name}`,
      );
    } else if (req.method === 'POST') {
      sim.sendJson(res, 201, createLine(sim, entity.name, record, req.body as BcRecord));
    } else throw new BcHttpError(405, 'Method not allowed.');
    return;
  }
  const line = lines.get(child.key);
  if (!line || line.documentId !== record.id) {
    throw new BcHttpError(
      404,
      `The ${child.name} record '${child.key}' does not exist.`,
      'BadRequest_NotFound',
    );
  }
  if (req.method === 'GET') sim.sendJson(res, 200, line);
  else if (req.method === 'PATCH') {
    sim.sendJson(res, 200, patchRecord(sim, child.name, line, req.body as BcRecord, req.get('if-match')));
  } else if (req.method === 'DELETE') {
    deleteLine(sim, child.name, line, req.get('if-match'));
    res.status(204).end();
  } else throw new BcHttpError(405, 'Method not allowed.');
}

/** Mounts the token endpoint, the API and the item journal API page. */
export function businessCentralRoutes(router: Router, sim: Simulator<BcSimSettings>): void {
  tokenRoute(router, sim);
  paymentRoutes(router, sim);
  itemJournalRoutes(router, sim);
  router.all(/^\/v2\.0\/([^/]+)\/([^/]+)\/api\/v2\.0(\/.*)?$/, (req, res) => {
    try {
      handle(sim, req, res);
    } catch (err) {
      if (!(err instanceof BcHttpError)) throw err;
      sim.sendJson(res, err.status, bcError(err.code, err.message));
    }
  });
}
