/**
 * Edit-and-replay: which parked steps take an edited payload, and the checks an edit must pass before it is stored
 * and sent to the workflow. Only steps whose workflow sends the payload it is given (instead of rebuilding the
 * input from its own state) are editable, so an accepted edit is always the input the replay uses. An edit keeps
 * the payload's shape (same top-level keys), each canonical document in it must still be valid, and the document's
 * id must not change: the replay reaches the same ERP document through the same idempotency key.
 */
import type { CanonicalValidator } from '../canonical-model/validate';
import type { DocumentType } from '../canonical-model/document-types';
import type { FieldError } from './errors';
import { isJsonObject, jsonDiff } from './json-diff';
import type { JsonDiff } from './json-diff';
import { pointerToken } from './json-diff';

/** A step whose stored payload a person may edit before a replay. */
export interface EditableStep {
  flow: string;
  /** Matches the step's name (some carry a version or a document id). */
  step: RegExp;
  /** Top-level keys of the payload that hold a canonical document, and its type. */
  documents: Record<string, DocumentType>;
}

/** The editable steps: the ERP writes of orders and POs, whose failures are mostly data a person can correct. */
export const EDITABLE_STEPS: readonly EditableStep[] = [
  { flow: 'order-to-cash', step: /^erp-order(-v\d+)?$/, documents: { order: 'sales-order' } },
  { flow: 'procure-to-receive', step: /^erp-purchase-order$/, documents: { order: 'purchase-order' } },
];

/** The editable step a dead letter is parked at, if its step takes an edited payload. */
export function editableStep(flow: string, step: string): EditableStep | undefined {
  return EDITABLE_STEPS.find((e) => e.flow === flow && e.step.test(step));
}

/** The outcome of checking an edit: its diff, or the field errors (paths from the request body's root). */
export type EditCheck = { ok: true; diff: JsonDiff } | { ok: false; errors: FieldError[] };

/** Checks `edited` as a replacement for the `stored` payload of a step of `flow`. */
export function checkPayloadEdit(
  record: { flow: string; step: string; payload: unknown },
  edited: unknown,
  validator: CanonicalValidator,
): EditCheck {
  const fail = (path: string, message: string): EditCheck => ({ ok: false, errors: [{ path, message }] });
  const editable = editableStep(record.flow, record.step);
  if (!editable) {
    const allowed = EDITABLE_STEPS.map((e) => `${e.flow} ${e.step.source}`).join(', ');
    return fail(
      '/payload',
      `step ${record.step} of ${record.flow} rebuilds its input from the workflow's state, so an edited payload ` +
        `would not be used; replay it without one (editable steps: ${allowed})`,
    );
  }
  const stored = record.payload;
  if (!isJsonObject(stored))
    return fail('/payload', 'the stored payload is not an object and cannot be edited');
  if (!isJsonObject(edited)) return fail('/payload', 'must be an object with the stored payload’s keys');
  const errors: FieldError[] = [];
  for (const key of Object.keys(stored))
    if (!(key in edited))
      errors.push({
        path: `/payload/${pointerToken(key)}`,
        message: 'is required: the stored payload has it',
      });
  for (const key of Object.keys(edited))
    if (!(key in stored))
      errors.push({ path: `/payload/${pointerToken(key)}`, message: 'is not part of this step’s input' });
  for (const [key, documentType] of Object.entries(editable.documents)) {
    if (!(key in edited) || !(key in stored)) continue;
    const at = `/payload/${pointerToken(key)}`;
    const result = validator.validate(documentType, edited[key]);
    if (!result.valid) {
      for (const e of result.errors)
        errors.push({
          path: `${at}${e.path === '/' ? '' : e.path}`,
          message: `${documentType}: ${e.message}`,
        });
      continue;
    }
    const before = (stored[key] as { id?: unknown } | undefined)?.id;
    const after = (edited[key] as { id?: unknown }).id;
    if (before !== after)
      errors.push({
        path: `${at}/id`,
        message: `cannot change (it was ${JSON.stringify(before)}): the replay must reach the same document`,
      });
  }
  if (errors.length) return { ok: false, errors };
  const diff = jsonDiff(stored, edited);
  if (!diff.changes.length) return fail('/payload', 'is the same as the stored payload; nothing was edited');
  return { ok: true, diff };
}
