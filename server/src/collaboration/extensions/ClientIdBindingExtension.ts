import { CloseCode, RefusalReason } from '@concord/shared';
import { UpdateRefusal, type Extension } from '../Extension.ts';

/**
 * Binds each Yjs clientID to the principal that first wrote with it, so nobody can write
 * under someone else's clientID. Bindings of ephemeral principals (no accounts yet) end with
 * their connection, so a reconnecting client is let back in.
 */
export class ClientIdBindingExtension implements Extension {
  readonly name = 'client-id-binding';
  readonly priority = 10;
  private readonly bindings = new Map<string, Map<number, string>>();

  beforeApplyUpdate({ room, connection, inspection }: Parameters<NonNullable<Extension['beforeApplyUpdate']>>[0]): void {
    const owners = this.ownersOf(room.documentId);
    const principal = connection.identity.principal;
    for (const clientId of inspection.authors) {
      const owner = owners.get(clientId);
      if (owner !== undefined && owner !== principal) {
        throw new UpdateRefusal(CloseCode.clientIdTaken, RefusalReason.clientIdTaken, `clientID ${clientId} belongs to another client`);
      }
    }
    for (const clientId of inspection.authors) owners.set(clientId, principal);
  }

  onDisconnect({ room, connection }: Parameters<NonNullable<Extension['onDisconnect']>>[0]): void {
    if (!connection.identity.principalIsEphemeral) return;
    const owners = this.bindings.get(room.documentId);
    if (!owners) return;
    for (const [clientId, owner] of owners) if (owner === connection.identity.principal) owners.delete(clientId);
  }

  onUnloadDocument({ documentId }: { documentId: string }): void {
    this.bindings.delete(documentId);
  }

  private ownersOf(documentId: string): Map<number, string> {
    let owners = this.bindings.get(documentId);
    if (!owners) this.bindings.set(documentId, (owners = new Map()));
    return owners;
  }
}
