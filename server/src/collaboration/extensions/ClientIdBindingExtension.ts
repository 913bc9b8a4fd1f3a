import { CloseCode, RefusalReason } from '@concord/shared';
import { UpdateRefusal, type Extension } from '../Extension.ts';

/**
 * Each Yjs clientID belongs to the user who first wrote with it (the room's ledger records it from the log,
 * so the binding holds across restarts and instances): nobody writes under someone else's clientID.
 */
export class ClientIdBindingExtension implements Extension {
  readonly name = 'client-id-binding';
  readonly priority = 10;

  beforeApplyUpdate({ room, connection, inspection }: Parameters<NonNullable<Extension['beforeApplyUpdate']>>[0]): void {
    const owners = room.ledger.clientOwners;
    for (const clientId of inspection.authors) {
      const owner = owners.get(clientId);
      if (owner !== undefined && owner !== connection.identity.principal) {
        throw new UpdateRefusal(CloseCode.clientIdTaken, RefusalReason.clientIdTaken, `clientID ${clientId} belongs to another user`);
      }
    }
  }
}
