/** ShipHero's identifier and timestamp formats, as the simulator writes them. */
import { padDigits as pad, zoneClock } from '../../connectors/sdk/time-zone';
import type { WmsSimSettings } from './settings';

/** A ShipHero-style id: base64 of "Type:legacyId" (e.g. "T3JkZXI6MTAw" for Order:100). */
export function shipheroId(type: string, legacyId: number): string {
  return Buffer.from(`${type}:${legacyId}`).toString('base64');
}

/** The wall-clock time in `timeZone` as ShipHero's webhooks write it: "YYYY-MM-DD HH:MM:SS", no offset. */
export function localTimestamp(date: Date, timeZone: string): string {
  const wall = zoneClock(timeZone).read(date);
  return (
    `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ` +
    `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
  );
}

/** The local time a warehouse writes: its own time zone when it has one, else the account's. */
export function warehouseTimestamp(
  settings: Pick<WmsSimSettings, 'timeZone' | 'warehouseTimeZones'>,
  warehouseId: string,
  date: Date = new Date(),
): string {
  return localTimestamp(date, settings.warehouseTimeZones[warehouseId] ?? settings.timeZone);
}
