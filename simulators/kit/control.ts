/** A client for a simulator's control API (`/_sim`), for tests, the demo and anyone poking a running simulator. */
import type { FaultChange } from './faults';
import type { ReceivedRequest } from './simulator';
import type { DeliveryRecord } from './webhooks';

export type { FaultChange };

/** The operations of the control API of the simulator at `baseUrl`. */
export function simulatorControl(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/_sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    state: () => call<Record<string, unknown>>('GET', '/'),
    faults: (change: FaultChange) => call<Record<string, unknown>>('POST', '/faults', change),
    settings: (change: Record<string, unknown>) => call<Record<string, unknown>>('POST', '/settings', change),
    reset: () => call<Record<string, unknown>>('POST', '/reset'),
    records: <T = Record<string, unknown>>(collection: string) => call<T[]>('GET', `/records/${collection}`),
    requests: (pathIncludes = '') =>
      call<ReceivedRequest[]>('GET', `/requests?pathIncludes=${encodeURIComponent(pathIncludes)}`),
    registerWebhooks: (url: string, secret: string) =>
      call<Record<string, unknown>>('POST', '/webhooks', { url, secret }),
    deliveries: () => call<DeliveryRecord[]>('GET', '/webhooks/deliveries'),
    flushWebhooks: () => call<{ deliveries: number }>('POST', '/webhooks/flush'),
  };
}

/** The control client's type. */
export type SimulatorControl = ReturnType<typeof simulatorControl>;
