/**
 * Imported first by the worker: every node-rdkafka consumer holds a libuv thread-pool thread while it waits for
 * messages, and the default pool has 4 threads — with more consumers than that, file-system work (the workflow
 * bundle, log files) crawls. libuv reads UV_THREADPOOL_SIZE once, when the pool first runs work, and a loader such as
 * tsx has used it by the time this module runs; so the launchers (scripts/hub.sh, the Dockerfile, `npm run
 * start:worker`) set it, and this module only reports whether they did.
 */

/** Whether UV_THREADPOOL_SIZE came from the environment the process was started with. */
export const threadPoolSizedByLauncher = process.env.UV_THREADPOOL_SIZE !== undefined;

/** The thread-pool size the worker asks its launcher for. */
export const WORKER_THREADPOOL_SIZE = 32;
