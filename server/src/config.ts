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

/** Variables whose values may hold secrets and are never repeated in an error message. */
const secretVariables = new Set(['REDIS_URL']);

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
});

export type Config = z.infer<typeof configSchema>;

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
