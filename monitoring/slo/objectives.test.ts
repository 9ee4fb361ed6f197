import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { isHubError } from '../../platform/errors';
import { DEFAULT_SLO_CONFIG, objectiveFor, validateSloConfig } from './objectives';
import { createStageMetrics } from './stage-metrics';

/** The field errors a bad configuration is rejected with. */
function rejection(input: unknown): { kind: string; paths: string[] } {
  try {
    validateSloConfig(input);
  } catch (err) {
    if (!isHubError(err)) throw err;
    return { kind: err.kind, paths: (err.fieldErrors ?? []).map((f) => f.path) };
  }
  throw new Error('configuration was accepted');
}

describe('SLO objectives', () => {
  const config = validateSloConfig({
    defaults: { 'order.received→released': { thresholdSeconds: 600, target: 0.99 } },
    overrides: [
      { stage: 'order.received→released', connector: 'wms-3pl', thresholdSeconds: 3600 },
      { stage: 'order.received→released', partner: 'bigbox', target: 0.995 },
      { stage: 'order.received→released', partner: 'bigbox', connector: 'wms-3pl', thresholdSeconds: 7200 },
    ],
  });

  it('picks the most specific override and inherits what it leaves out', () => {
    const stage = 'order.received→released' as const;
    expect(objectiveFor(config, { stage, partner: 'other', connector: 'wms-1' })).toEqual({
      thresholdSeconds: 600,
      target: 0.99,
    });
    expect(objectiveFor(config, { stage, connector: 'wms-3pl' })).toEqual({
      thresholdSeconds: 3600,
      target: 0.99,
    });
    expect(objectiveFor(config, { stage, partner: 'bigbox', connector: 'wms-3pl' })).toEqual({
      thresholdSeconds: 7200,
      target: 0.995,
    });
    // Stages the configuration leaves out keep the hub's defaults.
    expect(objectiveFor(config, { stage: 'edi.997-due' })).toEqual(
      DEFAULT_SLO_CONFIG.defaults['edi.997-due'],
    );
  });

  it('rejects a bad configuration naming every wrong field', () => {
    expect(
      rejection({
        defaults: { 'order.received→released': { thresholdSeconds: -1, target: 0.99 }, 'order.typo': {} },
        overrides: [
          { stage: 'edi.850→997', partner: 'p', target: 1.5 },
          { stage: 'edi.850→997', target: 0.9 },
        ],
      }),
    ).toEqual({
      kind: 'data',
      paths: [
        '/defaults/order.received→released/thresholdSeconds',
        '/defaults/order.typo',
        '/overrides/0/target',
        '/overrides/1',
      ],
    });
    expect(rejection({ overrides: [{ stage: 'nope', partner: 'p', target: 0.9, extra: 1 }] }).paths).toEqual([
      '/overrides/0/extra',
      '/overrides/0/stage',
    ]);
  });

  it('counts a completion as met or missed against the objective of its partner and connector', async () => {
    const registry = new Registry();
    const metrics = createStageMetrics(registry, config);
    const stage = 'order.received→released' as const;
    expect(metrics.observeStage({ stage, flow: 'order-to-cash', connector: 'wms-1', seconds: 900 })).toBe(
      'missed',
    );
    expect(metrics.observeStage({ stage, flow: 'order-to-cash', connector: 'wms-3pl', seconds: 900 })).toBe(
      'met',
    );
    const text = await registry.metrics();
    expect(text).toContain(
      'hub_stage_events_total{stage="order.received→released",flow="order-to-cash",partner="none",connector="wms-1",result="missed"} 1',
    );
    expect(text).toContain(
      'hub_stage_objective_seconds{stage="order.received→released",flow="order-to-cash",partner="none",connector="wms-3pl"} 3600',
    );
    expect(() => metrics.observeStage({ stage, flow: 'order-to-cash', seconds: Number.NaN })).toThrow(
      /seconds/,
    );
  });
});
