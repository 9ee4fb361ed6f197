/**
 * Test support: the views real workflow runs saved, read from the recorded histories in workflows/<flow>/histories,
 * so the stage tests judge timelines the real workflows wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The view a recorded workflow run returned (its last saved view): real timelines written by the real workflow. */
export function recordedView<V>(flow: 'order-to-cash' | 'procure-to-receive', name: string): V {
  const file = join(__dirname, '../../workflows', flow, 'histories', `${name}.json`);
  const history = JSON.parse(readFileSync(file, 'utf8')) as {
    events: { workflowExecutionCompletedEventAttributes?: { result: { payloads: { data: string }[] } } }[];
  };
  const done = history.events.find((e) => e.workflowExecutionCompletedEventAttributes);
  const data = done?.workflowExecutionCompletedEventAttributes?.result.payloads[0]?.data;
  if (!data) throw new Error(`${file}: no completed result`);
  return JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as V;
}

/** The views the workflow saved on its way: the timeline grows one entry per version. */
export function savesOf<V extends { timeline: unknown[]; version: number }>(final: V): V[] {
  return final.timeline.map((_, i) => ({
    ...final,
    timeline: final.timeline.slice(0, i + 1),
    version: i + 1,
  }));
}
