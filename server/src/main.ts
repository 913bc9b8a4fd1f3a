import { ConfigError, loadConfig, type Config } from './config.ts';
import { startConcordServer } from './createConcordServer.ts';
import { createLogger } from './observability/logger.ts';
import { seedDemoDocuments } from './seedDemoDocuments.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
const server = await startConcordServer(config, logger);
if (process.argv.includes('--demo')) await seedDemoDocuments(server.store);
logger.info({ url: server.url, store: server.store.kind }, 'Concord is listening');
console.log(`\nConcord is running at ${server.url}  (store: ${server.store.kind}; stop with Ctrl+C)\n`);

let signalled = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down: flushing pending writes');
    const deadline = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    server.shutdown().then(
      () => {
        clearTimeout(deadline);
        logger.info('shutdown complete');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
