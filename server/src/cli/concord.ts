import { runConcordCli } from './runConcordCli.ts';

/** `pnpm concord ...`: account administration against the server's stores (see runConcordCli.ts). */
const exitCode = await runConcordCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
process.exit(exitCode);
