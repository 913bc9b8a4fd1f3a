export { startConcordServer, type ConcordServer } from './createConcordServer.ts';
export { loadConfig, configSchema, ConfigError, type Config } from './config.ts';
export * as protocol from './collaboration/protocol.ts';
export type { Store, InstanceBus, StoredUpdate, LoadedDocument, Cursor } from './storage/Store.ts';
export { SqliteStore } from './storage/SqliteStore.ts';
export { RedisStore } from './storage/RedisStore.ts';
export { RedisInstanceBus } from './storage/RedisInstanceBus.ts';
export type { AppType } from './app.ts';
