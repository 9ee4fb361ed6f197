/**
 * The item journal API page a Business Central integrator installs as an extension (the standard API v2.0 has
 * none): `/api/{itemJournalApi}/companies({id})/itemJournalLines` lists (`$filter`), creates and reads lines of an
 * item journal batch, and the bound action `itemJournalLines({id})/Microsoft.NAV.post` posts one line as Item
 * Jnl.-Post Line does — an item ledger entry (`documentNumber` = the line's Document No.) at its location, the item's
 * inventory moved, the line gone from the journal. Only adjustments (Positive / Negative Adjmt.) are accepted.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { Simulator } from '../kit/simulator';
import { requireToken } from './auth';
import { cents, touch } from './documents';
import { BcHttpError, bcError, matches, parseFilter } from './odata';
import type { BcSimSettings } from './settings';

type BcRecord = Record<string, unknown>;
type Sim = Simulator<BcSimSettings>;

const LINES = 'itemJournalLines';
const ENTRY_SIGN: Record<string, number> = { 'Positive Adjmt.': 1, 'Negative Adjmt.': -1 };
const now = () => new Date().toISOString();

function code(body: BcRecord, field: string, max: number, required = true): string {
  const value = body[field];
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || (required && !value.trim()))
    throw new BcHttpError(400, `The property '${field}' must be a non-empty string.`);
  if (value.length > max) {
    throw new BcHttpError(
      400,
      `The length of the string is ${value.length}, but it must be less than or equal to ${max} characters. Value: ${field}`,
    );
  }
  return value;
}

function createLine(sim: Sim, body: BcRecord): BcRecord {
  const template = code(body, 'journalTemplateName', 10).toUpperCase();
  const batch = code(body, 'journalBatchName', 10).toUpperCase();
  const batches = sim.store.collection<BcRecord>('itemJournalBatches');
  if (!batches.find((b) => b.journalTemplateName === template && b.name === batch)) {
    throw new BcHttpError(
      400,
      `The Item Journal Batch does not exist. Identification fields and values: Journal Template Name='${template}',Name='${batch}'`,
      'BadRequest_ResourceNotFound',
    );
  }
  const entryType = String(body.entryType);
  if (ENTRY_SIGN[entryType] === undefined)
    throw new BcHttpError(
      400,
      `Entry Type '${entryType}' is not an adjustment.`,
      'Application_DialogException',
    );
  const itemNumber = code(body, 'itemNumber', 20);
  const item = sim.store.collection<BcRecord>('items').find((i) => i.number === itemNumber);
  if (!item)
    throw new BcHttpError(
      400,
      `The Item does not exist. Identification fields and values: No.='${itemNumber}'`,
      'BadRequest_ResourceNotFound',
    );
  if (item.type !== 'Inventory') {
    throw new BcHttpError(
      400,
      `Type must be equal to 'Inventory'  in Item: No.=${itemNumber}. Current value is '${String(item.type)}'.`,
      'Application_DialogException',
    );
  }
  const locationCode = code(body, 'locationCode', 10);
  if (!sim.store.collection<BcRecord>('locations').find((l) => l.code === locationCode)) {
    throw new BcHttpError(
      400,
      `The Location does not exist. Identification fields and values: Code='${locationCode}'`,
      'BadRequest_ResourceNotFound',
    );
  }
  const quantity = body.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity === 0)
    throw new BcHttpError(400, "The property 'quantity' must be a number other than 0.");
  const postingDate = code(body, 'postingDate', 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(postingDate))
    throw new BcHttpError(400, `'${postingDate}' is not a valid date.`);
  const siblings = sim.store
    .collection<BcRecord>(LINES)
    .filter((l) => l.journalTemplateName === template && l.journalBatchName === batch);
  const line: BcRecord = {
    id: randomUUID(),
    journalTemplateName: template,
    journalBatchName: batch,
    lineNumber: (siblings.length + 1) * 10000,
    entryType,
    postingDate,
    documentNumber: code(body, 'documentNumber', 20).toUpperCase(),
    externalDocumentNumber: code(body, 'externalDocumentNumber', 35, false),
    itemNumber,
    description: code(body, 'description', 100, false) || String(item.displayName),
    locationCode,
    quantity,
    unitOfMeasureCode: item.baseUnitOfMeasureCode,
    unitCost: item.unitCost,
  };
  touch(sim, line);
  return sim.store.collection<BcRecord>(LINES).put(String(line.id), line);
}

function postLine(sim: Sim, line: BcRecord): void {
  const item = sim.store.collection<BcRecord>('items').find((i) => i.number === line.itemNumber);
  if (!item)
    throw new BcHttpError(
      400,
      `The Item ${String(line.itemNumber)} does not exist.`,
      'Application_DialogException',
    );
  if (item.blocked === true) {
    throw new BcHttpError(
      400,
      `Blocked must be equal to 'No'  in Item: No.=${String(item.number)}. Current value is 'Yes'.`,
      'Application_DialogException',
    );
  }
  const quantity = (ENTRY_SIGN[String(line.entryType)] ?? 1) * Number(line.quantity);
  const entryNumber = sim.store.next('itemLedgerEntry');
  sim.store.collection('itemLedgerEntries').put(`ile-${entryNumber}`, {
    id: randomUUID(),
    entryNumber,
    itemNumber: item.number,
    postingDate: line.postingDate,
    entryType: line.entryType,
    sourceNumber: '',
    sourceType: '',
    documentNumber: line.documentNumber,
    documentType: ' ',
    locationCode: line.locationCode,
    description: line.description,
    quantity,
    salesAmountActual: 0,
    costAmountActual: cents(quantity, Number(item.unitCost)),
    lastModifiedDateTime: now(),
  });
  item.inventory = Number(item.inventory) + quantity;
  touch(sim, item);
  sim.store.collection(LINES).delete(String(line.id));
}

function handle(sim: Sim, req: Request, res: Response): void {
  const [tenant, environment, api, rest = ''] = [req.params[0], req.params[1], req.params[2], req.params[3]];
  const s = sim.settings;
  requireToken(sim, req.get('authorization'));
  if (tenant !== s.tenantId || environment !== s.environment)
    throw new BcHttpError(
      404,
      `Environment '${String(environment)}' of tenant '${String(tenant)}' does not exist.`,
    );
  if (api !== s.itemJournalApi)
    throw new BcHttpError(404, `No API is published at '/api/${String(api)}'.`, 'BadRequest_NotFound');
  const m = /^\/companies\(([^)]+)\)\/itemJournalLines(?:\(([^)]+)\))?(\/Microsoft\.NAV\.post)?\/?$/.exec(
    decodeURIComponent(rest),
  );
  if (!m) throw new BcHttpError(404, `Resource not found for '${rest}'.`, 'BadRequest_NotFound');
  const [, company, key, action] = m;
  if (!sim.store.collection('companies').get(String(company)))
    throw new BcHttpError(404, `The company '${String(company)}' does not exist.`, 'BadRequest_NotFound');
  const lines = sim.store.collection<BcRecord>(LINES);
  if (key === undefined) {
    if (req.method === 'POST') return sim.sendJson(res, 201, createLine(sim, (req.body ?? {}) as BcRecord));
    if (req.method !== 'GET') throw new BcHttpError(405, 'Method not allowed.');
    const clauses = parseFilter(typeof req.query.$filter === 'string' ? req.query.$filter : undefined);
    return sim.sendJson(res, 200, {
      '@odata.context': `${sim.url}/$metadata#${LINES}`,
      value: lines.filter((l) => matches(l, clauses)),
    });
  }
  const line = lines.get(key);
  if (!line)
    throw new BcHttpError(404, `The ${LINES} record '${key}' does not exist.`, 'BadRequest_NotFound');
  if (action) {
    if (req.method !== 'POST') throw new BcHttpError(405, 'Method not allowed.');
    postLine(sim, line);
    return void res.status(204).end();
  }
  if (req.method !== 'GET') throw new BcHttpError(405, 'Method not allowed.');
  sim.sendJson(res, 200, line);
}

/** Mounts the item journal API page. */
export function itemJournalRoutes(router: Router, sim: Sim): void {
  router.all(
    /^\/v2\.0\/([^/]+)\/([^/]+)\/api\/([A-Za-z0-9]+\/[A-Za-z0-9]+\/(?:v\d+\.\d+|beta))(\/.*)?$/,
    (req, res) => {
      try {
        handle(sim, req, res);
      } catch (err) {
        if (!(err instanceof BcHttpError)) throw err;
        sim.sendJson(res, err.status, bcError(err.code, err.message));
      }
    },
  );
}
