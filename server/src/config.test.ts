import { describe, expect, it } from 'vitest';
import { allowedOrigins, ConfigError, isProduction, loadConfig, type Config } from './config.ts';

const defaults: Config = {
  PORT: 8787,
  HOST: '127.0.0.1',
  DATA_DIR: 'data',
  LOG_LEVEL: 'info',
  SQLITE_SYNCHRONOUS: 'NORMAL',
  MAX_MESSAGE_BYTES: 8 * 1024 * 1024,
  MAX_MESSAGES_PER_SECOND: 200,
  MAX_SEND_BUFFER_BYTES: 16 * 1024 * 1024,
  MAX_CONNECTIONS_PER_DOCUMENT: 500,
  MAX_STRUCTS_PER_UPDATE: 500_000,
  HEARTBEAT_INTERVAL_MS: 30_000,
  COMPACT_AFTER_UPDATES: 1000,
  SHUTDOWN_TIMEOUT_MS: 10_000,
  NODE_ENV: 'development',
  ALLOWED_ORIGINS: [],
  TRUST_PROXY: false,
  SESSION_TTL_HOURS: 12,
  INVITATION_TTL_HOURS: 72,
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: 100,
  SIGNIN_MAX_FAILURES_PER_IP: 300,
  CHROMIUM_PATH: '/usr/bin/chromium',
};

/** Runs loadConfig and returns the ConfigError it throws (failing the test if it throws nothing or something else). */
function configErrorFor(environment: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(environment)}`);
}

describe('loadConfig', () => {
  it('gives every default for an empty environment, with no REDIS_URL (so SQLite)', () => {
    const config = loadConfig({});
    expect(config).toEqual(defaults);
    expect('REDIS_URL' in config).toBe(false);
  });

  it('reads and coerces the values it is given', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/concord',
      REDIS_URL: 'rediss://user:secret@redis.example:6380/2',
      LOG_LEVEL: 'silent',
      SQLITE_SYNCHRONOUS: 'FULL',
      MAX_MESSAGE_BYTES: '1024',
      MAX_MESSAGES_PER_SECOND: '50',
      MAX_SEND_BUFFER_BYTES: '65536',
      MAX_CONNECTIONS_PER_DOCUMENT: '3',
      MAX_STRUCTS_PER_UPDATE: '10',
      HEARTBEAT_INTERVAL_MS: '100',
      COMPACT_AFTER_UPDATES: '1',
      SHUTDOWN_TIMEOUT_MS: '0',
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://concord.example/',
      ALLOWED_ORIGINS: 'https://Admin.Concord.example:443, http://localhost:5173',
      TRUST_PROXY: 'TRUE',
      SESSION_TTL_HOURS: '1',
      INVITATION_TTL_HOURS: '720',
      SIGNIN_MAX_FAILURES_PER_ACCOUNT: '5',
      SIGNIN_MAX_FAILURES_PER_IP: '7',
      SNAPSHOT_SIGNING_KEY_FILE: '/etc/concord/signing-key.pem',
      CHROMIUM_PATH: '/opt/chromium/chrome',
    });
    expect(config).toEqual({
      PORT: 0,
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/concord',
      REDIS_URL: 'rediss://user:secret@redis.example:6380/2',
      LOG_LEVEL: 'silent',
      SQLITE_SYNCHRONOUS: 'FULL',
      MAX_MESSAGE_BYTES: 1024,
      MAX_MESSAGES_PER_SECOND: 50,
      MAX_SEND_BUFFER_BYTES: 65536,
      MAX_CONNECTIONS_PER_DOCUMENT: 3,
      MAX_STRUCTS_PER_UPDATE: 10,
      HEARTBEAT_INTERVAL_MS: 100,
      COMPACT_AFTER_UPDATES: 1,
      SHUTDOWN_TIMEOUT_MS: 0,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://concord.example/',
      // Origins are normalised: lower-case host, no default port.
      ALLOWED_ORIGINS: ['https://admin.concord.example', 'http://localhost:5173'],
      TRUST_PROXY: true,
      SESSION_TTL_HOURS: 1,
      INVITATION_TTL_HOURS: 720,
      SIGNIN_MAX_FAILURES_PER_ACCOUNT: 5,
      SIGNIN_MAX_FAILURES_PER_IP: 7,
      SNAPSHOT_SIGNING_KEY_FILE: '/etc/concord/signing-key.pem',
      CHROMIUM_PATH: '/opt/chromium/chrome',
    });
  });

  it.each([
    ['false', false],
    ['0', false],
    ['no', false],
    ['true', true],
    ['1', true],
    ['yes', true],
  ])('reads TRUST_PROXY=%s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toBe(expected);
  });

  it('tells production apart and gathers the allowed origins from ALLOWED_ORIGINS and PUBLIC_URL', () => {
    expect(isProduction(loadConfig({}))).toBe(false);
    expect(isProduction(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(isProduction(loadConfig({ NODE_ENV: 'production' }))).toBe(true);
    expect(allowedOrigins(loadConfig({}))).toEqual(new Set());
    const config = loadConfig({ PUBLIC_URL: 'https://concord.example/drafting', ALLOWED_ORIGINS: 'http://127.0.0.1:5173' });
    expect(allowedOrigins(config)).toEqual(new Set(['http://127.0.0.1:5173', 'https://concord.example']));
  });

  it('treats empty strings as unset', () => {
    // `docker run -e PORT=` and empty lines in .env files produce empty strings, not absent variables.
    const empty = Object.fromEntries(Object.keys(defaults).map((name) => [name, ''] as const));
    expect(loadConfig({ ...empty, REDIS_URL: '', PUBLIC_URL: '' })).toEqual(defaults);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', NODE_OPTIONS: '--inspect', PORTS: 'abc' })).toEqual(defaults);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['REDIS_URL', 'http://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['LOG_LEVEL', 'loud'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
    ['MAX_MESSAGE_BYTES', '10'],
    ['MAX_MESSAGES_PER_SECOND', '0'],
    ['HEARTBEAT_INTERVAL_MS', 'soon'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'concord.example'],
    ['PUBLIC_URL', 'ftp://concord.example'],
    ['ALLOWED_ORIGINS', 'https://ok.example,not a url'],
    ['ALLOWED_ORIGINS', 'https://concord.example/path'],
    ['ALLOWED_ORIGINS', 'file:///etc'],
    ['TRUST_PROXY', 'maybe'],
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', '1.5'],
    ['INVITATION_TTL_HOURS', '721'],
    ['SIGNIN_MAX_FAILURES_PER_ACCOUNT', '0'],
    ['SIGNIN_MAX_FAILURES_PER_IP', 'many'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_TOKEN', 'a long token with spaces in it'],
  ])('refuses %s=%s with a one-line ConfigError naming the variable', (name, value) => {
    const error = configErrorFor({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(name);
    // A URL may carry a password: it is never repeated in the message (or in logs).
    if (name === 'REDIS_URL' || name === 'METRICS_TOKEN') expect(error.message).not.toContain(value);
    else expect(error.message).toContain(JSON.stringify(value));
  });

  it('names the offending variable, not a valid neighbour', () => {
    const error = configErrorFor({ PORT: '8080', LOG_LEVEL: 'loud', HOST: 'example.org' });
    expect(error.message).toMatch(/^Invalid configuration: LOG_LEVEL: /);
    expect(error.message).not.toContain('PORT');
  });

  it('keeps the message on one line even when the bad value holds a newline', () => {
    // A value copied with its line break must not forge a second log line.
    const error = configErrorFor({ LOG_LEVEL: 'info\nlevel=fatal msg="forged"' });
    expect(error.message).not.toMatch(/[\r\n]/);
    expect(error.message).toContain('LOG_LEVEL');
  });
});
