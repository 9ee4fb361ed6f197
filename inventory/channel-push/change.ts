/** Checking an availability change before it is stored, and the whole units a channel is given. */
import { HubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';
import type { AvailabilityChange } from './types';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const MAX_KEY_LENGTH = 256;

function text(value: unknown, path: string, problems: FieldError[]): void {
  if (typeof value !== 'string' || !value.trim() || value.length > MAX_KEY_LENGTH)
    problems.push({ path, message: `must be a non-empty string of at most ${MAX_KEY_LENGTH} characters` });
}

/** The change with its event time parsed; a 'data' HubError naming every bad field otherwise. */
export function checkChange(change: AvailabilityChange): AvailabilityChange & { eventDate: Date } {
  const problems: FieldError[] = [];
  text(change.sku, '/sku', problems);
  text(change.locationId, '/locationId', problems);
  if (typeof change.available !== 'string' || !DECIMAL.test(change.available))
    problems.push({ path: '/available', message: 'must be a decimal string, e.g. "12" or "3.5"' });
  if (!Number.isSafeInteger(change.seq) || change.seq < 0)
    problems.push({ path: '/seq', message: 'must be a non-negative integer' });
  const eventDate = new Date(typeof change.eventAt === 'string' ? change.eventAt : Number.NaN);
  if (Number.isNaN(eventDate.getTime()))
    problems.push({ path: '/eventAt', message: 'must be an ISO 8601 instant' });
  if (problems.length)
    throw new HubError('data', `availability change refused: ${problems[0]!.path} ${problems[0]!.message}`, {
      fieldErrors: problems,
    });
  return { ...change, eventDate };
}

/** What a channel may sell: the whole units of `available` (rounded down), never below zero. */
export function wholeUnits(available: string): string {
  const match = /^(-?)(\d+)(?:\.\d+)?$/.exec(available.trim());
  if (!match) throw new HubError('bug', `stored availability ${JSON.stringify(available)} is not a decimal`);
  if (match[1]) return '0';
  return match[2]!.replace(/^0+(?=\d)/, '');
}
