import { roleLabels, type User } from '@concord/shared';
import { ConfigError, isProduction, loadConfig, type Config } from './config.ts';
import { StartRefusedError, startConcordServer, type ConcordServer } from './createConcordServer.ts';
import { demoPassword } from './demo/demoCommittee.ts';
import { seedDemo } from './demo/seedDemo.ts';
import { createLogger } from './observability/logger.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const demo = process.argv.includes('--demo');
if (demo && isProduction(config)) {
  console.error('Refusing --demo with NODE_ENV=production: the demo accounts share a published password. Start without --demo.');
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL);
let server: ConcordServer;
try {
  server = await startConcordServer(config, logger);
} catch (error) {
  if (!(error instanceof StartRefusedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const demoUsers = demo ? await seedDemo(server) : [];
logger.info({ url: server.url, store: server.store.kind }, 'Concord is listening');
console.log(`\nConcord is running at ${server.url}  (store: ${server.store.kind}; stop with Ctrl+C)\n`);
if (demo) console.log(describeDemoAccounts(demoUsers));

/** The demo accounts as a short table to sign in with. */
function describeDemoAccounts(users: readonly User[]): string {
  const rows = users.map((user) => {
    const { affiliation } = user;
    const whom = affiliation.kind === 'delegation' ? affiliation.delegationCode : affiliation.kind === 'observer' ? affiliation.organisationId : '';
    return `  ${user.email.padEnd(38)} ${roleLabels[user.role].en.padEnd(12)} ${whom}`;
  });
  return `Demo accounts (password for all: ${demoPassword}):\n${rows.join('\n')}\n`;
}

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
