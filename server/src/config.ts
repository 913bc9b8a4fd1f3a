import { z } from 'zod';

/** A decimal integer in range; rejects blanks, hex and exponents that Number() would accept. */
const integer = (minimum: number, maximum: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z
      .number({ error: (issue) => (issue.code === 'invalid_type' ? 'expected a whole number' : undefined) })
      .int('expected a whole number')
      .min(minimum)
      .max(maximum),
  );

/** "true"/"false" (or 1/0, yes/no), so that a typo fails instead of silently meaning false. */
const boolean = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).transform((value) => value === 'true' || value === '1' || value === 'yes'),
);

/** An http(s) origin such as https://concord.example (scheme, host and port; no path). */
function toOrigin(value: string, context: z.RefinementCtx): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: 'custom', message: `"${value}" is not a URL` });
    return z.NEVER;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null' || url.href !== `${url.origin}/`) {
    context.addIssue({ code: 'custom', message: `"${value}" is not an http(s) origin such as https://concord.example` });
    return z.NEVER;
  }
  return url.origin;
}

/** Comma-separated origins, normalised (lower-case host, default port dropped). */
const originList = z
  .string()
  .transform((value, context) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => toOrigin(entry, context)),
  );

/** Variables whose values may hold secrets and are never repeated in an error message. */
const secretVariables = new Set(['REDIS_URL', 'METRICS_TOKEN']);

/** Every setting Concord reads from the environment (docs/operations.md lists them). */
export const configSchema = z.object({
  PORT: integer(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** SQLite durability: NORMAL survives a killed process, FULL also a power cut (docs/operations.md). */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  MAX_MESSAGE_BYTES: integer(1024, 256 * 1024 * 1024).default(8 * 1024 * 1024),
  MAX_MESSAGES_PER_SECOND: integer(1, 100_000).default(200),
  MAX_SEND_BUFFER_BYTES: integer(64 * 1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
  MAX_CONNECTIONS_PER_DOCUMENT: integer(1, 100_000).default(500),
  MAX_STRUCTS_PER_UPDATE: integer(1, 10_000_000).default(500_000),
  HEARTBEAT_INTERVAL_MS: integer(100, 600_000).default(30_000),
  COMPACT_AFTER_UPDATES: integer(1, 10_000_000).default(1000),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(10_000),
  /** The built drafting-room client to serve: a directory, or `off` for the API alone (unset: client/dist when built). */
  CLIENT_DIR: z.string().min(1).optional(),
  /** production turns on Secure cookies and HSTS, and refuses demo accounts (docs/operations.md). */
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  /** Where users reach Concord (e.g. https://concord.example): invitation links point there and its origin may send requests. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  /** Further origins allowed to send state-changing requests and open websockets. */
  ALLOWED_ORIGINS: originList.default([]),
  /** Behind one reverse proxy: take the client address from the last X-Forwarded-For entry (the one the proxy added). */
  TRUST_PROXY: boolean.default(false),
  SESSION_TTL_HOURS: integer(1, 24 * 30).default(12),
  INVITATION_TTL_HOURS: integer(1, 24 * 30).default(72),
  /** Failed sign-ins per account per hour before further attempts are refused. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: integer(1, 1_000_000).default(100),
  /** Failed sign-ins per client address per hour before further attempts are refused. */
  SIGNIN_MAX_FAILURES_PER_IP: integer(1, 1_000_000).default(300),
  /**
   * A PEM file holding the Ed25519 private key that signs snapshots and their exports (`openssl genpkey -algorithm
   * ed25519`). Required in production; elsewhere a key is made once and kept in DATA_DIR (or Redis).
   */
  SNAPSHOT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (a scraper's secret). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters (e.g. `openssl rand -hex 24`)').regex(/^[A-Za-z0-9._~+/-]+=*$/, 'letters, digits and . _ ~ + / - (a bearer token)').optional(),
  /** The Chromium that renders PDF exports (Debian's chromium package). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
});

export type Config = z.infer<typeof configSchema>;

export function isProduction(config: Pick<Config, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'production';
}

/** The origins allowed besides the request's own: ALLOWED_ORIGINS and PUBLIC_URL's origin. */
export function allowedOrigins(config: Pick<Config, 'ALLOWED_ORIGINS' | 'PUBLIC_URL'>): ReadonlySet<string> {
  return new Set([...config.ALLOWED_ORIGINS, ...(config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : [])]);
}

/** Thrown with one line that names the variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; unknown variables are ignored, empty ones count as unset. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((name) => [name, environment[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = configSchema.safeParse(relevant);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'configuration');
  const given = relevant[name] === undefined || secretVariables.has(name) ? '' : ` (got ${JSON.stringify(relevant[name])})`;
  throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? 'invalid'}${given}`);
}
