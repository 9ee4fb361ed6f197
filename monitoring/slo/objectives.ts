/**
 * Business-stage service level objectives: how long each stage of a business transaction may take and how often it
 * must make it. A stage default can be overridden per flow, partner and connector; the most specific match wins.
 */
import { HubError } from '../../platform/errors';
import type { FieldError } from '../../platform/errors';

/** The business stages the hub measures, named `<from>→<to>`. */
export const STAGES = [
  'order.received→released',
  'order.shipped→invoiced',
  'edi.850→997',
  'edi.997-due',
  'inventory.event→channel',
  'po.sent→acknowledged',
] as const;

/** One business stage. */
export type StageId = (typeof STAGES)[number];

/** How long a stage may take (`thresholdSeconds`) and the share of stages that must make it (`target`, 0–1). */
export interface StageObjective {
  thresholdSeconds: number;
  target: number;
}

/** A change to one stage's objective for a flow, partner and/or connector; fields left out are inherited. */
export interface ObjectiveOverride {
  stage: StageId;
  flow?: string;
  partner?: string;
  connector?: string;
  thresholdSeconds?: number;
  target?: number;
}

/** The SLO configuration: a default objective per stage plus overrides. */
export interface SloConfig {
  defaults: Record<StageId, StageObjective>;
  overrides: ObjectiveOverride[];
}

/** Where a stage completion happened, to pick its objective. */
export interface StageScope {
  stage: StageId;
  flow?: string;
  partner?: string;
  connector?: string;
}

const HOUR = 3600;

/** The hub's defaults; deployments override per partner or connector (a slow 3PL, a partner's 997 agreement). */
export const DEFAULT_SLO_CONFIG: SloConfig = {
  defaults: {
    'order.received→released': { thresholdSeconds: 15 * 60, target: 0.99 },
    'order.shipped→invoiced': { thresholdSeconds: HOUR, target: 0.99 },
    'edi.850→997': { thresholdSeconds: HOUR, target: 0.99 },
    'edi.997-due': { thresholdSeconds: 24 * HOUR, target: 0.98 },
    'inventory.event→channel': { thresholdSeconds: 5 * 60, target: 0.99 },
    'po.sent→acknowledged': { thresholdSeconds: 48 * HOUR, target: 0.95 },
  },
  overrides: [],
};

const SCOPE_FIELDS = ['flow', 'partner', 'connector'] as const;
const OVERRIDE_FIELDS = new Set(['stage', ...SCOPE_FIELDS, 'thresholdSeconds', 'target']);

/** Rank of an override: more scope fields first; on a tie partner beats connector beats flow. */
function specificity(o: ObjectiveOverride): number {
  const weight = { flow: 1, connector: 2, partner: 4 } as const;
  return SCOPE_FIELDS.reduce((n, f) => (o[f] === undefined ? n : n + 8 + weight[f]), 0);
}

/** The objective for `scope`: the stage default with every matching override applied, least specific first. */
export function objectiveFor(config: SloConfig, scope: StageScope): StageObjective {
  const matching = config.overrides
    .filter(
      (o) => o.stage === scope.stage && SCOPE_FIELDS.every((f) => o[f] === undefined || o[f] === scope[f]),
    )
    .sort((a, b) => specificity(a) - specificity(b));
  let objective = { ...config.defaults[scope.stage] };
  for (const o of matching) {
    objective = {
      thresholdSeconds: o.thresholdSeconds ?? objective.thresholdSeconds,
      target: o.target ?? objective.target,
    };
  }
  return objective;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNumbers(
  v: Record<string, unknown>,
  path: string,
  errors: FieldError[],
  required: boolean,
): void {
  const threshold = v.thresholdSeconds;
  if (threshold !== undefined || required) {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0)
      errors.push({ path: `${path}/thresholdSeconds`, message: 'must be a number of seconds above 0' });
  }
  const target = v.target;
  if (target !== undefined || required) {
    if (typeof target !== 'number' || !(target > 0 && target < 1))
      errors.push({
        path: `${path}/target`,
        message: 'must be a ratio between 0 and 1 (exclusive), e.g. 0.99',
      });
  }
}

function checkOverride(o: unknown, path: string, errors: FieldError[]): void {
  if (!isRecord(o)) {
    errors.push({ path, message: 'must be an object' });
    return;
  }
  for (const key of Object.keys(o))
    if (!OVERRIDE_FIELDS.has(key))
      errors.push({ path: `${path}/${key}`, message: 'is not an override field' });
  if (!STAGES.includes(o.stage as StageId))
    errors.push({ path: `${path}/stage`, message: `must be one of ${STAGES.join(', ')}` });
  for (const f of SCOPE_FIELDS)
    if (o[f] !== undefined && (typeof o[f] !== 'string' || o[f] === ''))
      errors.push({ path: `${path}/${f}`, message: 'must be a non-empty string' });
  if (SCOPE_FIELDS.every((f) => o[f] === undefined))
    errors.push({ path, message: 'must name a flow, partner or connector' });
  if (o.thresholdSeconds === undefined && o.target === undefined)
    errors.push({ path, message: 'must set thresholdSeconds or target' });
  checkNumbers(o, path, errors, false);
}

/**
 * Checks `input` as an SLO configuration; stages it leaves out keep the hub's defaults. Throws a `data` HubError
 * listing every wrong field (JSON pointer paths) otherwise.
 */
export function validateSloConfig(input: unknown): SloConfig {
  const errors: FieldError[] = [];
  if (!isRecord(input))
    throw new HubError('data', 'SLO configuration must be an object', {
      fieldErrors: [{ path: '', message: 'must be an object' }],
    });
  for (const key of Object.keys(input))
    if (key !== 'defaults' && key !== 'overrides')
      errors.push({ path: `/${key}`, message: 'is not a configuration field' });
  const defaults = { ...DEFAULT_SLO_CONFIG.defaults };
  if (input.defaults !== undefined) {
    if (!isRecord(input.defaults))
      errors.push({ path: '/defaults', message: 'must be an object keyed by stage' });
    else
      for (const [stage, objective] of Object.entries(input.defaults)) {
        const path = `/defaults/${stage}`;
        if (!STAGES.includes(stage as StageId))
          errors.push({ path, message: `is not a stage (${STAGES.join(', ')})` });
        else if (!isRecord(objective)) errors.push({ path, message: 'must be an object' });
        else {
          checkNumbers(objective, path, errors, true);
          defaults[stage as StageId] = {
            thresholdSeconds: objective.thresholdSeconds as number,
            target: objective.target as number,
          };
        }
      }
  }
  const overrides = input.overrides ?? [];
  if (!Array.isArray(overrides)) errors.push({ path: '/overrides', message: 'must be an array' });
  else overrides.forEach((o, i) => checkOverride(o, `/overrides/${i}`, errors));
  if (errors.length) {
    const first = errors[0] as FieldError;
    throw new HubError('data', `SLO configuration: ${first.path} ${first.message}`, { fieldErrors: errors });
  }
  return { defaults, overrides: overrides as ObjectiveOverride[] };
}
