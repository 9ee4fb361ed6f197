/** Writing recorded workflow histories (scripts/record-*-histories.ts): the files as prettier formats them. */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import type { History } from './history-json';

/** Writes `text` to `file` as prettier formats it (the files are under `prettier --check`). */
export async function writeFormatted(file: string, text: string, parser: 'json' | 'markdown'): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, parser }));
}

/** The history without the inputs of its scheduled activities (which replay does not read). */
export function withoutActivityInputs(history: History): History {
  return {
    events: (history.events ?? []).map((event) => {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (!scheduled?.input) return event;
      const attributes = { ...scheduled };
      delete attributes.input;
      return { ...event, activityTaskScheduledEventAttributes: attributes };
    }),
  };
}
