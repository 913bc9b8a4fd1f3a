import type { AuditEntry, AuditEntryInput, AuditQuery } from '@concord/shared';

/**
 * Append-only record of security-relevant events (docs/security.md). SQLite and Redis implement it;
 * one contract suite (tests/integration/auditLog.contract.test.ts) runs against both.
 */
export interface AuditLog {
  /** Validates with auditEntryInputSchema, stamps id and time; resolves once durable. */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Newest first, filtered; `before` pages back from an earlier answer's last id. */
  query(query: AuditQuery): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
