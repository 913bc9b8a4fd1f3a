import { parseArgs } from 'node:util';
import { createUserSchema, emailSchema, roleSchema, type Affiliation, type CreateUser, type User } from '@concord/shared';
import type { z } from 'zod';
import { DuplicateEmailError } from '../accounts/AccountStore.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { createLogger } from '../observability/logger.ts';
import { openAccountServices, type AccountServices } from '../openAccountServices.ts';
import { invitationUrl } from '../routes/users.ts';
import { runVerifyCommand } from './verifyCommand.ts';

export const usage = `Usage: pnpm concord <command>

  users list
  users add --email <email> --name <name> --role <secretariat|chair|delegate|observer>
            (--delegation <ISO code> | --organisation <observer id> | --secretariat)
  users invite <email>      a new one-time invitation link (the earlier one stops working)
  users disable <email>     signs the user out everywhere and refuses further sign-ins
  verify <file> <signature file> (--public-key <PEM file> | --server <URL>)
                            checks an exported file against its signature

Uses the same environment as the server (DATA_DIR or REDIS_URL, PUBLIC_URL for the links).`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 done, 1 refused or failed (unknown email, duplicate, store error), 2 wrong usage. */
class UsageError extends Error {}
class RefusedError extends Error {}

/** Runs one `concord` command against the configured stores and returns the exit code. */
export async function runConcordCli(argv: readonly string[], environment: NodeJS.ProcessEnv, output: CliOutput): Promise<number> {
  // Verifying needs no configuration or store: anyone holding a file, its signature and the public key can.
  if (argv[0] === 'verify') return runVerifyCommand(argv.slice(1), output);
  let config: Config;
  try {
    config = loadConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(error.message);
    return 1;
  }
  let services: AccountServices | null = null;
  try {
    const [group, command, ...rest] = argv;
    if (group !== 'users' || command === undefined) throw new UsageError(group === undefined || group === 'help' || group === '--help' ? '' : `unknown command "${argv.join(' ')}"`);
    const prepare = Object.hasOwn(userCommands, command) ? userCommands[command] : undefined;
    if (prepare === undefined) throw new UsageError(`unknown command "users ${command}"`);
    const run = prepare(rest);
    services = openAccountServices(config, createLogger('error'));
    await run({ services, config, output });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message !== '') output.err(error.message);
      output.err(usage);
      return 2;
    }
    if (error instanceof RefusedError) {
      output.err(error.message);
      return 1;
    }
    output.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await services?.close();
  }
}

interface CommandContext {
  services: AccountServices;
  config: Config;
  output: CliOutput;
}

/** Checks its arguments (throwing UsageError) before any store is opened, then returns the work to do. */
type Command = (args: string[]) => (context: CommandContext) => Promise<void>;

/** node:util's parser, with its errors turned into usage errors. */
function parse<Options extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: Options, positionals: number) {
  let result;
  try {
    result = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (result.positionals.length !== positionals) throw new UsageError(`expected ${positionals} argument${positionals === 1 ? '' : 's'}, got ${result.positionals.length}`);
  return result;
}

/** Zod issues, one line each, as the usage error. */
function issuesOf(error: z.ZodError): UsageError {
  return new UsageError(error.issues.map((issue) => `${issue.path.length > 0 ? `--${issue.path.join('.')}: ` : ''}${issue.message}`).join('\n'));
}

function describeUser(user: User): string {
  const { affiliation } = user;
  const whom = affiliation.kind === 'delegation' ? affiliation.delegationCode : affiliation.kind === 'observer' ? affiliation.organisationId : 'secretariat';
  const state = user.disabled ? 'disabled' : user.hasPassword ? 'active' : 'invited (no password yet)';
  return `${user.email}  ${user.name}  ${user.role}  ${whom}  ${state}  id ${user.id}`;
}

/** Where invitation links point: PUBLIC_URL, else the address the server listens on. */
function linkBase(config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

async function userByEmail(services: AccountServices, email: string): Promise<User> {
  const user = (await services.accounts.listUsers()).find((candidate) => candidate.email === email);
  if (user === undefined) throw new RefusedError(`No account has the email ${email}.`);
  return user;
}

async function printInvitation(user: User, context: CommandContext): Promise<void> {
  const invitation = await context.services.accounts.issueInvitation(user.id, null);
  if (invitation === null) throw new RefusedError(`No account has the id ${user.id}.`);
  context.output.out(`Invitation link for ${user.email}, valid until ${invitation.expiresAt}. It is shown once: give it to this person only.`);
  context.output.out(`  ${invitationUrl(linkBase(context.config), invitation.token)}`);
}

function parseEmail(value: string | undefined): string {
  const email = emailSchema.safeParse(value);
  if (!email.success) throw issuesOf(email.error);
  return email.data;
}

const userCommands: Record<string, Command> = {
  list(args) {
    parse(args, {}, 0);
    return async ({ services, output }) => {
      const users = await services.accounts.listUsers();
      if (users.length === 0) output.out('No accounts yet. Add one with: pnpm concord users add --email ... --name ... --role ...');
      for (const user of users) output.out(describeUser(user));
    };
  },
  add(args) {
    const input = parseNewUser(args);
    return async (context) => {
      let user: User;
      try {
        user = await context.services.accounts.createUser(input, null);
      } catch (error) {
        if (error instanceof DuplicateEmailError) throw new RefusedError(`An account with the email ${input.email} exists already (pnpm concord users invite ${input.email} gives a new link).`);
        throw error;
      }
      context.output.out(`Created ${describeUser(user)}`);
      await printInvitation(user, context);
    };
  },
  invite(args) {
    const email = parseEmail(parse(args, {}, 1).positionals[0]);
    return async (context) => printInvitation(await userByEmail(context.services, email), context);
  },
  disable(args) {
    const email = parseEmail(parse(args, {}, 1).positionals[0]);
    return async (context) => {
      const user = await userByEmail(context.services, email);
      const updated = await context.services.accounts.updateUser(user.id, { disabled: true }, null);
      if (updated === null) throw new RefusedError(`No account has the email ${email}.`);
      context.output.out(`Disabled ${describeUser(updated)}`);
    };
  },
};

/** `users add` options as a checked CreateUser; the affiliation flag decides the affiliation, --secretariat also the role. */
function parseNewUser(args: string[]): CreateUser {
  const { values } = parse(
    args,
    { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, delegation: { type: 'string' }, organisation: { type: 'string' }, secretariat: { type: 'boolean' } },
    0,
  );
  const chosen = [values.delegation !== undefined, values.organisation !== undefined, values.secretariat === true].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('give only one of --delegation, --organisation or --secretariat');
  const role = values.role ?? (values.secretariat ? 'secretariat' : undefined);
  const affiliation: Affiliation | undefined =
    values.delegation !== undefined
      ? { kind: 'delegation', delegationCode: values.delegation.toUpperCase() }
      : values.organisation !== undefined
        ? { kind: 'observer', organisationId: values.organisation.toUpperCase() }
        : values.secretariat === true || role === 'secretariat'
          ? { kind: 'secretariat' }
          : undefined;
  if (affiliation === undefined && roleSchema.safeParse(role).success) throw new UsageError('give one of --delegation, --organisation or --secretariat');
  const input = createUserSchema.safeParse({ email: values.email, name: values.name, role, affiliation });
  if (!input.success) throw issuesOf(input.error);
  return input.data;
}
