import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Accounts } from '../accounts/Accounts.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { Extension } from './Extension.ts';
import { AuditExtension } from './extensions/AuditExtension.ts';
import { ClientIdBindingExtension } from './extensions/ClientIdBindingExtension.ts';
import { DocumentPolicyExtension } from './extensions/DocumentPolicyExtension.ts';
import { MetricsExtension } from './extensions/MetricsExtension.ts';
import { SessionAuthExtension } from './extensions/SessionAuthExtension.ts';

export interface PipelineDependencies {
  accounts: Accounts;
  audit: AuditLog;
  allowedOrigins: ReadonlySet<string>;
  registry: Registry;
  logger: Logger;
}

/**
 * The collaboration pipeline, in the order its hooks run: who may connect (session, Origin), whose clientIDs
 * these are, what the update may change (schema, locks, statuses), what gets audited, what gets counted.
 */
export function collaborationPipeline({ accounts, audit, allowedOrigins, registry, logger }: PipelineDependencies): Extension[] {
  const auditing = new AuditExtension(audit, logger);
  return [
    new SessionAuthExtension(accounts, allowedOrigins, (request, refusal) =>
      auditing.recordUpgradeRefusal(request.documentId, refusal.status, refusal.message, request.remoteAddress ?? null),
    ),
    new ClientIdBindingExtension(),
    new DocumentPolicyExtension((context, changes) => auditing.recordStatusChanges(context, changes)),
    auditing,
    new MetricsExtension(registry),
  ];
}
