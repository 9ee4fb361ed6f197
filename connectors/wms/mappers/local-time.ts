/** ShipHero webhooks write "YYYY-MM-DD HH:MM:SS" in the warehouse's local time; the hub wants instants. */

function offsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * "2025-02-03 13:19:30" in `timeZone` → "2025-02-03T13:19:30-05:00"; undefined when the text is not such a time
 * (or the zone is unknown). A time that already carries an offset is returned as an RFC 3339 instant unchanged.
 */
export function localToInstant(text: unknown, timeZone: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return text;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  try {
    // The offset at the wall time read as UTC is right except near a DST change; one correction settles it.
    let offset = offsetMinutes(wall, timeZone);
    offset = offsetMinutes(wall - offset * 60_000, timeZone);
    const date = text.trim().replace(' ', 'T');
    return `${date}${formatOffset(offset)}`;
  } catch {
    return undefined;
  }
}
