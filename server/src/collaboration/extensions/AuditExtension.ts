import type { Logger } from 'pino';
import { RefusalReason, type AuditEntryInput } from '@concord/shared';
import { auditActorOf } from '../../accounts/Accounts.ts';
import type { AuditLog } from '../../audit/AuditLog.ts';
import type { Connection } from '../Connection.ts';
import type { Extension, UpdateContext } from '../Extension.ts';
import type { StatusChange } from '../policy/checkDocumentPolicy.ts';

/** Refusals that say nothing about intent: a slow network, not an attempt. */
const unremarkable = new Set<string>([RefusalReason.heartbeatTimeout, RefusalReason.slowReader]);

/** Writes what the collaboration server refused, and the status changes it accepted, to the audit log. */
export class AuditExtension implements Extension {
  readonly name = 'audit';

  constructor(
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  onRefuse({ documentId, connection, reason, closeCode }: { documentId: string; connection: Connection; reason: string; closeCode: number }): void {
    if (unremarkable.has(reason)) return;
    this.record({ type: 'update-refused', actor: this.actorOf(connection), documentId, detail: { reason, closeCode, connectionId: connection.id } });
  }

  /** Called by the document policy for every accepted update that changes paragraph statuses. */
  recordStatusChanges({ room, connection }: UpdateContext, changes: StatusChange[]): void {
    for (const { blockId, from, to } of changes) {
      this.record({ type: 'status-changed', actor: this.actorOf(connection), documentId: room.documentId, detail: { blockId, from, to } });
    }
  }

  /** A websocket upgrade refused for want of a session or from a foreign origin. */
  recordUpgradeRefusal(documentId: string, status: number, message: string, ip: string | null): void {
    this.record({ type: 'websocket-refused', actor: null, ip, documentId, detail: { status, reason: message } });
  }

  private actorOf(connection: Connection) {
    return connection.identity.user === null ? null : auditActorOf(connection.identity.user);
  }

  private record(entry: AuditEntryInput): void {
    this.audit.append(entry).catch((error: unknown) => this.logger.error({ err: error, type: entry.type }, 'audit append failed'));
  }
}
