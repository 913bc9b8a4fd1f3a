import { CloseCode, RefusalReason, concordDocumentModel, type DocumentModel } from '@concord/shared';
import { UpdateRefusal, type Extension, type UpdateContext } from '../Extension.ts';
import { checkDocumentPolicy, type StatusChange } from '../policy/checkDocumentPolicy.ts';

/**
 * Enforces the document policy on every update before it is applied (checkDocumentPolicy.ts) and reports the
 * status changes it accepted, for the audit log.
 */
export class DocumentPolicyExtension implements Extension {
  readonly name = 'document-policy';
  readonly priority = 20;
  private readonly statusChanges = new WeakMap<UpdateContext, StatusChange[]>();

  constructor(
    private readonly onStatusChanges: (context: UpdateContext, changes: StatusChange[]) => void,
    private readonly model: DocumentModel = concordDocumentModel,
  ) {}

  beforeApplyUpdate(context: UpdateContext): void {
    const user = context.connection.identity.user;
    if (user === null) throw new UpdateRefusal(CloseCode.forbidden, RefusalReason.readOnly, 'not signed in');
    const verdict = checkDocumentPolicy(context.room.doc, context.inspection, user, this.model);
    if (!verdict.ok) {
      const closeCode = verdict.reason === RefusalReason.schemaViolation ? CloseCode.refusedUpdate : CloseCode.forbidden;
      throw new UpdateRefusal(closeCode, verdict.reason, verdict.detail);
    }
    if (verdict.statusChanges.length > 0) this.statusChanges.set(context, verdict.statusChanges);
  }

  onChange(context: UpdateContext): void {
    const changes = this.statusChanges.get(context);
    if (changes) this.onStatusChanges(context, changes);
  }
}
