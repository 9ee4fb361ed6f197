/**
 * Business-stage metrics: how long each stage took (`hub_stage_seconds`), whether it met its objective
 * (`hub_stage_events_total{result}`), the objective itself (`hub_stage_objective_ratio`, which the burn-rate alerts
 * divide by), and how many stages started per partner (`hub_stage_volume_total`, for the volume-anomaly alert).
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { HubError } from '../../platform/errors';
import { DEFAULT_SLO_CONFIG, objectiveFor } from './objectives';
import type { SloConfig, StageId } from './objectives';

/** Label value when a stage has no trading partner or no connector. */
export const NONE = 'none';

type StageLabel = 'stage' | 'flow' | 'partner' | 'connector';

/** Where a stage happened. */
export interface StageLabels {
  stage: StageId;
  flow: string;
  partner?: string;
  connector?: string;
}

/** One completed stage and how long it took. */
export interface StageObservation extends StageLabels {
  seconds: number;
}

/** The stage metrics of one registry. */
export interface StageMetrics {
  stageSeconds: Histogram<StageLabel>;
  stageEvents: Counter<StageLabel | 'result'>;
  stageVolume: Counter<StageLabel>;
  objectiveRatio: Gauge<StageLabel>;
  /** Counts one completed stage against its objective; answers whether it was met. */
  observeStage(o: StageObservation): 'met' | 'missed';
  /** Counts one stage started (an order received, a PO sent), for the volume-anomaly check. */
  countStageStart(l: StageLabels): void;
}

/** Seconds to days: business stages run from a webhook's seconds to a supplier's two-day acknowledgement. */
export const STAGE_BUCKETS = [
  1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 345600,
];

const labelsOf = (l: StageLabels) => ({
  stage: l.stage,
  flow: l.flow,
  partner: l.partner || NONE,
  connector: l.connector || NONE,
});

/** Registers the stage metrics on `registry`, judging completions against `config`. */
export function createStageMetrics(registry: Registry, config: SloConfig = DEFAULT_SLO_CONFIG): StageMetrics {
  const labelNames = ['stage', 'flow', 'partner', 'connector'] as const;
  const stageSeconds = new Histogram({
    name: 'hub_stage_seconds',
    help: 'Duration of business stages (order received to released, 850 to 997, …), by stage, flow, partner and connector',
    labelNames,
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });
  const stageEvents = new Counter({
    name: 'hub_stage_events_total',
    help: 'Business stages completed, by whether they met their objective (result = met | missed)',
    labelNames: [...labelNames, 'result'],
    registers: [registry],
  });
  const stageVolume = new Counter({
    name: 'hub_stage_volume_total',
    help: 'Business stages started (orders received, POs sent, …), by stage, flow, partner and connector',
    labelNames,
    registers: [registry],
  });
  const objectiveRatio = new Gauge({
    name: 'hub_stage_objective_ratio',
    help: 'Target share of stages that must meet their threshold, for each stage, flow, partner and connector seen',
    labelNames,
    registers: [registry],
  });
  const objectiveSeconds = new Gauge({
    name: 'hub_stage_objective_seconds',
    help: 'Threshold a stage must complete within, for each stage, flow, partner and connector seen',
    labelNames,
    registers: [registry],
  });
  return {
    stageSeconds,
    stageEvents,
    stageVolume,
    objectiveRatio,
    observeStage(o) {
      if (!Number.isFinite(o.seconds)) {
        const message = 'must be a finite number of seconds';
        throw new HubError('data', `stage ${o.stage}: seconds ${message}`, {
          fieldErrors: [{ path: '/seconds', message }],
        });
      }
      const labels = labelsOf(o);
      const objective = objectiveFor(config, labels);
      // A completion stamped before its start (clocks of two systems) took no time rather than negative time.
      const seconds = Math.max(0, o.seconds);
      const result = seconds <= objective.thresholdSeconds ? 'met' : 'missed';
      stageSeconds.observe(labels, seconds);
      stageEvents.inc({ ...labels, result });
      // Both results exist from the first completion on, so the first miss is a visible increase (rate() ignores
      // the first sample of a new series) and the burn-rate ratio is 0, not absent, while all is well.
      stageEvents.inc({ ...labels, result: result === 'met' ? 'missed' : 'met' }, 0);
      objectiveRatio.set(labels, objective.target);
      objectiveSeconds.set(labels, objective.thresholdSeconds);
      return result;
    },
    countStageStart(l) {
      stageVolume.inc(labelsOf(l));
    },
  };
}
