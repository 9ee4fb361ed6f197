/**
 * The one configuration both processes read: environment variables with defaults, validated at start-up.
 * A bad value stops start-up with a message naming the variable; nothing is read from disk or kept in the process.
 */

/** How a variable's raw text becomes a value; returns an error message instead of throwing. */
type Parser<T> = (raw: string) => { value: T } | { error: string };

interface VariableSpec<T> {
  /** Used when the variable is unset; required variables have none. */
  default: string;
  required?: boolean;
  /** Never echoed in error messages. */
  secret?: boolean;
  doc: string;
  parse: Parser<T>;
}

const port: Parser<number> = (raw) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 0 && n <= 65535
    ? { value: n }
    : { error: 'must be a port number 0–65535' };
};

const positiveInt: Parser<number> = (raw) =>
  /^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 1_000_000
    ? { value: Number(raw) }
    : { error: 'must be a whole number from 1 to 1000000' };

const byteCount: Parser<number> = (raw) =>
  /^\d+$/.test(raw) && Number(raw) >= 1024 && Number(raw) <= 2 ** 40
    ? { value: Number(raw) }
    : { error: 'must be a number of bytes from 1024 to 1099511627776' };

const flag: Parser<boolean> = (raw) =>
  raw === 'true' || raw === 'false' ? { value: raw === 'true' } : { error: 'must be true or false' };

const text: Parser<string> = (raw) => (raw.trim() ? { value: raw.trim() } : { error: 'must not be empty' });

const hostPort: Parser<string> = (raw) =>
  /^[\w.-]+:\d{1,5}$/.test(raw) ? { value: raw } : { error: 'must be host:port, e.g. 127.0.0.1:7233' };

const hostPortList: Parser<string> = (raw) =>
  raw.split(',').every((p) => /^[\w.-]+:\d{1,5}$/.test(p.trim()))
    ? { value: raw }
    : { error: 'must be a comma-separated list of host:port, e.g. 127.0.0.1:9092' };

const mongoUri: Parser<string> = (raw) =>
  /^mongodb(\+srv)?:\/\/\S+$/.test(raw)
    ? { value: raw }
    : { error: 'must be a mongodb:// or mongodb+srv:// connection string' };

const oneOf =
  <T extends string>(...allowed: T[]): Parser<T> =>
  (raw) =>
    (allowed as string[]).includes(raw)
      ? { value: raw as T }
      : { error: `must be one of ${allowed.join(', ')}` };

const secretKey: Parser<Buffer> = (raw) => {
  const key = Buffer.from(raw.trim(), 'base64');
  return key.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(raw.trim())
    ? { value: key }
    : { error: 'must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)' };
};

const optionalApiKey: Parser<string | undefined> = (raw) =>
  raw === ''
    ? { value: undefined }
    : raw.length >= 32 && /^[\x21-\x7e]+$/.test(raw)
      ? { value: raw }
      : { error: 'must be at least 32 printable characters without spaces, or empty to disable' };

const name: Parser<string> = (raw) =>
  /^[A-Za-z0-9][\w.-]{0,99}$/.test(raw)
    ? { value: raw }
    : { error: 'must be 1–100 letters, digits, ., _ or -' };

/** Every environment variable the hub reads, with its default and meaning (also documented in the README). */
export const CONFIG_VARIABLES = {
  HUB_API_HOST: { default: '127.0.0.1', doc: 'Address the API binds to', parse: text },
  HUB_API_PORT: { default: '8080', doc: 'API port', parse: port },
  HUB_API_RATE_LIMIT_PER_MINUTE: {
    default: '1200',
    doc: 'Requests one API key may make per minute, shared by every API replica',
    parse: positiveInt,
  },
  HUB_EDI_MAX_BYTES: {
    default: '1073741824',
    doc: 'Largest X12 interchange the API takes over HTTP, in bytes (larger ones go by SFTP)',
    parse: byteCount,
  },
  HUB_EDI_POLL_SFTP: {
    default: 'true',
    doc: "Whether the worker polls EDI SFTP connectors' inbound folders (each at its pollIntervalSeconds)",
    parse: flag,
  },
  HUB_RECONCILE_EVERY_MINUTES: {
    default: '15',
    doc: 'How often the inventory reconciliation schedule compares ERP, WMS and hub positions',
    parse: positiveInt,
  },
  HUB_RECONCILE_GRACE_MINUTES: {
    default: '30',
    doc: 'How long an inventory discrepancy may last before it opens an exception',
    parse: positiveInt,
  },
  HUB_MASTER_DATA_SYNC_EVERY_MINUTES: {
    default: '60',
    doc: 'How often the master-data schedule syncs the item catalogue and units from their system of record',
    parse: positiveInt,
  },
  HUB_WORKER_METRICS_HOST: {
    default: '127.0.0.1',
    doc: "Address of the worker's /metrics server",
    parse: text,
  },
  HUB_WORKER_METRICS_PORT: { default: '9464', doc: "Port of the worker's /metrics server", parse: port },
  HUB_TEMPORAL_ADDRESS: { default: '127.0.0.1:7233', doc: 'Temporal frontend host:port', parse: hostPort },
  HUB_TEMPORAL_NAMESPACE: { default: 'default', doc: 'Temporal namespace', parse: name },
  HUB_TEMPORAL_TASK_QUEUE: { default: 'hub', doc: 'Task queue the worker polls', parse: name },
  HUB_KAFKA_BROKERS: { default: '127.0.0.1:9092', doc: 'Kafka bootstrap brokers', parse: hostPortList },
  HUB_KAFKA_CLIENT_ID: { default: 'distribution-hub', doc: 'Kafka client.id prefix', parse: name },
  HUB_MONGODB_URI: {
    default: 'mongodb://127.0.0.1:27017/',
    doc: 'MongoDB connection string',
    parse: mongoUri,
  },
  HUB_MONGODB_DATABASE: { default: 'hub', doc: 'Database name', parse: name },
  HUB_SECRET_KEY: {
    default: '',
    required: true,
    secret: true,
    doc: 'AES-256-GCM key (base64, 32 bytes) that encrypts connector secrets at rest',
    parse: secretKey,
  },
  HUB_BOOTSTRAP_ADMIN_KEY: {
    default: '',
    secret: true,
    doc: 'An admin API key accepted without being stored (for the first setup); empty disables it',
    parse: optionalApiKey,
  },
  HUB_LOG_LEVEL: {
    default: 'info',
    doc: 'pino log level',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
} satisfies Record<string, VariableSpec<unknown>>;

/** Name of a variable the hub reads. */
export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

type Values = {
  [K in ConfigVariable]: (typeof CONFIG_VARIABLES)[K]['parse'] extends Parser<infer T> ? T : never;
};

/** The validated configuration shared by the API and the worker. */
export interface HubConfig {
  api: { host: string; port: number; rateLimitPerMinute: number };
  workerMetrics: { host: string; port: number };
  edi: { maxBytes: number; pollSftp: boolean };
  schedules: { reconcileEveryMinutes: number; reconcileGraceMinutes: number; masterDataEveryMinutes: number };
  temporal: { address: string; namespace: string; taskQueue: string };
  kafka: { brokers: string; clientId: string };
  mongo: { uri: string; database: string };
  logLevel: Values['HUB_LOG_LEVEL'];
  secrets: { key: Buffer; bootstrapAdminKey: string | undefined };
}

/** Thrown when one or more variables are invalid; `problems` names each variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n') +
        '\n(see README "Configuration" for every variable and its default)',
    );
  }
}

/** Reads and validates every HUB_* variable; throws ConfigError listing all bad ones at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const problems: { variable: string; message: string }[] = [];
  const v = {} as Record<string, unknown>;
  for (const [variable, spec] of Object.entries(CONFIG_VARIABLES) as [string, VariableSpec<unknown>][]) {
    const raw = env[variable] ?? spec.default;
    if (spec.required && !raw) {
      problems.push({ variable, message: `is required: ${spec.doc}` });
      continue;
    }
    const result = spec.parse(raw);
    if ('error' in result) {
      const got = spec.secret ? '' : ` (got ${JSON.stringify(raw)})`;
      problems.push({ variable, message: `${result.error}${got}` });
    } else {
      v[variable] = result.value;
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const values = v as Values;
  return {
    api: {
      host: values.HUB_API_HOST,
      port: values.HUB_API_PORT,
      rateLimitPerMinute: values.HUB_API_RATE_LIMIT_PER_MINUTE,
    },
    workerMetrics: { host: values.HUB_WORKER_METRICS_HOST, port: values.HUB_WORKER_METRICS_PORT },
    edi: { maxBytes: values.HUB_EDI_MAX_BYTES, pollSftp: values.HUB_EDI_POLL_SFTP },
    schedules: {
      reconcileEveryMinutes: values.HUB_RECONCILE_EVERY_MINUTES,
      reconcileGraceMinutes: values.HUB_RECONCILE_GRACE_MINUTES,
      masterDataEveryMinutes: values.HUB_MASTER_DATA_SYNC_EVERY_MINUTES,
    },
    temporal: {
      address: values.HUB_TEMPORAL_ADDRESS,
      namespace: values.HUB_TEMPORAL_NAMESPACE,
      taskQueue: values.HUB_TEMPORAL_TASK_QUEUE,
    },
    kafka: { brokers: values.HUB_KAFKA_BROKERS, clientId: values.HUB_KAFKA_CLIENT_ID },
    mongo: { uri: values.HUB_MONGODB_URI, database: values.HUB_MONGODB_DATABASE },
    logLevel: values.HUB_LOG_LEVEL,
    secrets: { key: values.HUB_SECRET_KEY, bootstrapAdminKey: values.HUB_BOOTSTRAP_ADMIN_KEY },
  };
}
