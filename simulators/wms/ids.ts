/** ShipHero's identifier and timestamp formats, as the simulator writes them. */

/** A ShipHero-style id: base64 of "Type:legacyId" (e.g. "T3JkZXI6MTAw" for Order:100). */
export function shipheroId(type: string, legacyId: number): string {
  return Buffer.from(`${type}:${legacyId}`).toString('base64');
}

/** The wall-clock time in `timeZone` as ShipHero's webhooks write it: "YYYY-MM-DD HH:MM:SS", no offset. */
export function localTimestamp(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
