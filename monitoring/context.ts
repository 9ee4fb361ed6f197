import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields stamped on every log line written while handling one request, activity or message. */
export interface LogContext {
  correlationId: string;
  requestId?: string;
  workflowId?: string;
  activity?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `context` attached to every log line it writes, however deep the call goes. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the current request, activity or message, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
