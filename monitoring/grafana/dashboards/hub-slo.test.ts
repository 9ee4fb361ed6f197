import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerOverdueAckGauge } from '../../edi-acknowledgements';
import { createMetrics, registerDeadLetterGauge } from '../../metrics';
import { createStageMetrics } from '../../slo/stage-metrics';

const ROOT = join(__dirname, '../..');

/** PromQL functions, aggregations and keywords: every other identifier in an expression is a metric name. */
const PROMQL_WORDS = new Set(
  [
    'sum max min avg count stddev stdvar topk bottomk quantile count_values group',
    'rate irate increase delta idelta deriv histogram_quantile abs ceil floor round clamp clamp_min clamp_max',
    'absent absent_over_time label_replace label_join vector scalar time timestamp sort sort_desc predict_linear',
    'avg_over_time max_over_time min_over_time sum_over_time count_over_time last_over_time changes resets',
    'by without on ignoring group_left group_right and or unless offset bool label_values',
    'e inf nan humanize humanizePercentage printf',
  ]
    .join(' ')
    .split(' '),
);

/** The metric names `expr` reads: label matchers, grouping lists, ranges, strings and variables taken out first. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?[smhdwy]?\b/gi, ' ');
  // label_values(metric, label): the second argument is a label.
  const withoutLabelArg = bare.replace(/label_values\(\s*([\w:]+)\s*,\s*\w+\s*\)/g, ' $1 ');
  const names = withoutLabelArg.match(/[A-Za-z_:][\w:]*/g) ?? [];
  return [...new Set(names.filter((n) => !PROMQL_WORDS.has(n)))];
}

/** Every series name the hub's registries expose (histograms as their _bucket/_sum/_count series). */
async function hubSeriesNames(): Promise<Set<string>> {
  const registries = [createMetrics('worker').registry, new Registry()];
  const extra = registries[1] as Registry;
  createStageMetrics(extra);
  registerDeadLetterGauge(extra, { countsByConnectorFlowStatus: () => Promise.resolve([]) });
  registerOverdueAckGauge(extra, { countOverdue: () => Promise.resolve(0) });
  const names = new Set<string>();
  for (const registry of registries)
    for (const m of await registry.getMetricsAsJSON()) {
      names.add(m.name);
      if (String(m.type) === 'histogram')
        for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    }
  return names;
}

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
}

const rules = (
  parse(readFileSync(join(ROOT, 'prometheus/alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync(join(__dirname, 'hub-slo.json'), 'utf8')) as {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string | { query: string } }[] };
};

describe('hub-slo dashboard and alert rules', () => {
  it('read only metrics the hub registers or the rules record', async () => {
    const known = await hubSeriesNames();
    for (const r of rules) if (r.record) known.add(r.record);
    const exprs = [
      ...dashboard.panels.flatMap((p) =>
        (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })),
      ),
      ...dashboard.templating.list
        .filter((v) => v.type === 'query')
        .map((v) => ({
          where: `variable ${v.name}`,
          expr: typeof v.query === 'string' ? v.query : v.query.query,
        })),
      ...rules.map((r) => ({ where: `rule ${r.record ?? r.alert ?? '?'}`, expr: r.expr })),
    ];
    const unknown = exprs.flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((n) => !known.has(n))
        .map((n) => `${where}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it('shows attainment, burn, latency, volumes, dead letters and connector calls', () => {
    const read = new Set(
      dashboard.panels.flatMap((p) => (p.targets ?? []).flatMap((t) => metricNames(t.expr))),
    );
    for (const name of [
      'hub_stage_events_total',
      'hub:stage_error_ratio:rate1h',
      'hub_stage_seconds_bucket',
      'hub_stage_volume_total',
      'hub_dead_letters',
      'hub_connector_calls_total',
      'hub_connector_call_seconds_bucket',
    ])
      expect(read, name).toContain(name);
  });

  it('finds the metric names in an expression, and only those', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, stage) (rate(hub_stage_seconds_bucket{stage=~"$stage"}[$__rate_interval]))) / on (stage) group_left() hub:x offset 7d',
      ),
    ).toEqual(['hub_stage_seconds_bucket', 'hub:x']);
    expect(metricNames('label_values(hub_stage_events_total, partner)')).toEqual(['hub_stage_events_total']);
  });
});
