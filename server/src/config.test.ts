import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from './config.ts';

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
    });
  });

  it('treats empty strings as unset', () => {
    // `docker run -e PORT=` and empty lines in .env files produce empty strings, not absent variables.
    const empty = Object.fromEntries(Object.keys(defaults).map((name) => [name, ''] as const));
    expect(loadConfig({ ...empty, REDIS_URL: '' })).toEqual(defaults);
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', NODE_ENV: 'production', PORTS: 'abc' })).toEqual(defaults);
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
  ])('refuses %s=%s with a one-line ConfigError naming the variable', (name, value) => {
    const error = configErrorFor({ [name]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain(name);
    // A URL may carry a password: it is never repeated in the message (or in logs).
    if (name === 'REDIS_URL') expect(error.message).not.toContain(value);
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
