import { Transform } from 'node:stream';
import type { Request } from 'express';
import type { EdiDeps } from '../../platform/edi/deps';
import type { AckStatus } from '../../platform/edi/ack-tracking';
import type { InterchangeStatus } from '../../platform/edi/interchange-store';
import { pollInbox } from '../../platform/edi/poll-inbox';
import { receiveEdi } from '../../platform/edi/receive-edi';
import { replaySet } from '../../platform/edi/replay-set';
import { sendEdi } from '../../platform/edi/send-edi';
import type { SetQuery, SetStatus } from '../../platform/edi/set-store';
import { BUSINESS_KEY_NAMES } from '../../platform/edi/set-store';
import { HttpProblem, problem } from '../problem';
import { pathParam, queryParam } from '../params';
import type { Handlers } from '../router';
import { presentGroup, presentInterchange, presentSet } from './edi-present';

/** Largest interchange taken over HTTP (HUB_EDI_MAX_BYTES overrides it); larger ones go by SFTP. */
export const DEFAULT_EDI_MAX_BYTES = 1024 * 1024 * 1024;

const X12_TYPES = new Set(['application/edi-x12', 'application/octet-stream']);

/** Fails the stream with 413 once more than `limit` bytes passed (bodies without Content-Length). */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      if (seen > limit)
        callback(
          new HttpProblem(
            problem(413, 'body-too-large', 'The interchange is too large', {
              detail: `more than ${limit} bytes`,
            }),
          ),
        );
      else callback(null, chunk);
    },
  });
}

function checkContentType(req: Request): void {
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!X12_TYPES.has(type)) {
    throw new HttpProblem(
      problem(415, 'unsupported-media-type', 'The body must be an X12 interchange', {
        detail: `Content-Type is ${JSON.stringify(type || 'absent')}; send application/edi-x12`,
        errors: [{ path: '/header/Content-Type', message: 'must be application/edi-x12' }],
      }),
    );
  }
}

/** Receiving and sending interchanges, polling SFTP inboxes, and finding what was exchanged. */
export function ediHandlers(deps: EdiDeps, options: { maxBytes?: number } = {}): Handlers {
  const maxBytes = options.maxBytes ?? DEFAULT_EDI_MAX_BYTES;
  const now = () => deps.now?.() ?? new Date();
  return {
    receiveInterchange: async (req, res) => {
      checkContentType(req);
      const length = Number(req.get('content-length') ?? 0);
      if (length > maxBytes) {
        throw new HttpProblem(
          problem(413, 'body-too-large', 'The interchange is too large', {
            detail: `more than ${maxBytes} bytes; send it by SFTP`,
          }),
        );
      }
      const result = await receiveEdi(deps, {
        connectorId: pathParam(req, 'connectorId'),
        transport: 'http',
        body: req.pipe(capped(maxBytes)),
        correlationId: res.locals.correlationId as string,
      });
      const r = result.interchange;
      if (r.status === 'unreadable' || (r.error && !result.acknowledgement && r.status === 'rejected')) {
        throw new HttpProblem(
          problem(
            422,
            r.status === 'unreadable' ? 'not-x12' : 'unknown-trading-partner',
            r.status === 'unreadable'
              ? 'The body is not an X12 interchange the hub can read'
              : 'No trading partner profile matches this interchange',
            {
              detail: `${r.error?.message ?? ''} (kept as interchange ${r._id})`,
              interchangeId: r._id,
              errors: [
                {
                  path: r.status === 'unreadable' ? '/ISA' : '/ISA06',
                  message: r.error?.message ?? 'unreadable',
                },
              ],
            },
          ),
        );
      }
      res.status(202).json({
        interchangeId: r._id,
        controlNumber: r.controlNumber ?? null,
        partnerId: r.partnerId ?? null,
        status: r.status,
        ta1: r.ta1 ?? null,
        groups: r.groups,
        sets: result.sets.map((s) => presentSet(s)),
        acknowledgement: result.acknowledgement ?? null,
        truncated: result.truncated,
      });
    },

    sendEdiDocuments: async (req, res) => {
      const body = req.body as { partnerId: string; documents: unknown[]; fileName?: string };
      const sent = await sendEdi(deps, {
        connectorId: pathParam(req, 'connectorId'),
        partnerId: body.partnerId,
        documents: body.documents,
        ...(body.fileName ? { fileName: body.fileName } : {}),
        correlationId: res.locals.correlationId as string,
      });
      res.status(202).json(sent);
    },

    pollEdiInbox: async (req, res) => {
      const files = await pollInbox(deps, pathParam(req, 'connectorId'), res.locals.correlationId as string);
      res.json({
        files: files.map((f) => ({
          name: f.name,
          outcome: f.outcome,
          interchangeId: f.interchangeId ?? null,
          status: f.status ?? null,
          movedTo: f.movedTo ?? null,
          acknowledgementPath: f.acknowledgementPath ?? null,
          message: f.message ?? null,
        })),
      });
    },

    listInterchanges: async (req, res) => {
      const q = (n: string) => queryParam(req, n);
      const items = await deps.interchanges.list({
        ...(q('connectorId') ? { connectorId: q('connectorId')! } : {}),
        ...(q('partnerId') ? { partnerId: q('partnerId')! } : {}),
        ...(q('direction') ? { direction: q('direction') as 'inbound' | 'outbound' } : {}),
        ...(q('status') ? { status: q('status') as InterchangeStatus } : {}),
        ...(q('controlNumber') ? { controlNumber: q('controlNumber')!.padStart(9, '0') } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
      });
      res.json({ items: items.map(presentInterchange) });
    },

    getInterchange: async (req, res) => {
      res.json(presentInterchange(await deps.interchanges.get(pathParam(req, 'id'))));
    },

    getInterchangeRaw: async (req, res) => {
      const record = await deps.interchanges.get(pathParam(req, 'id'));
      if (!record.rawFileId) {
        throw new HttpProblem(
          problem(404, 'not-found', 'Not found', {
            detail: `interchange ${record._id} has no stored bytes (still receiving?)`,
          }),
        );
      }
      const stream = await deps.raw.read(record.rawFileId);
      res.status(200).type('application/edi-x12').setHeader('Content-Length', String(record.byteCount));
      stream.on('error', (err) => res.destroy(err));
      stream.pipe(res);
    },

    listTransactionSets: async (req, res) => {
      const q = (n: string) => queryParam(req, n);
      const query: SetQuery = {};
      for (const key of BUSINESS_KEY_NAMES) if (q(key)) query[key] = q(key)!;
      if (q('interchangeId')) query.interchangeId = q('interchangeId')!;
      if (q('partnerId')) query.partnerId = q('partnerId')!;
      if (q('setId')) query.setId = q('setId')!;
      if (q('status')) query.status = q('status') as SetStatus;
      if (q('limit')) query.limit = Number(q('limit'));
      res.json({ items: (await deps.sets.list(query)).map((s) => presentSet(s)) });
    },

    getTransactionSet: async (req, res) => {
      res.json(presentSet(await deps.sets.get(pathParam(req, 'id')), true));
    },

    replayTransactionSet: async (req, res) => {
      res.json(
        presentSet(await replaySet(deps, pathParam(req, 'id'), res.locals.correlationId as string), true),
      );
    },

    listEdiAcknowledgements: async (req, res) => {
      const q = (n: string) => queryParam(req, n);
      const at = now();
      const items = await deps.acks.list({
        ...(q('partnerId') ? { partnerId: q('partnerId')! } : {}),
        ...(q('interchangeId') ? { interchangeId: q('interchangeId')! } : {}),
        ...(q('status') ? { status: q('status') as AckStatus | 'overdue' } : {}),
        ...(q('limit') ? { limit: Number(q('limit')) } : {}),
        now: at,
      });
      res.json({ items: items.map((g) => presentGroup(g, at)) });
    },
  };
}
