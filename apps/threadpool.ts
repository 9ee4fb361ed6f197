/**
 * Imported first by the worker: every node-rdkafka consumer holds a libuv thread-pool thread while it waits for
 * messages, and the default pool has 4 threads — with more consumers than that, file-system work (the workflow
 * bundle, log files) would wait forever. The pool is sized before anything uses it, unless the environment says.
 */
process.env.UV_THREADPOOL_SIZE ??= '32';
