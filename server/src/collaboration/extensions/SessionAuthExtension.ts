import { parse as parseCookies } from 'hono/utils/cookie';
import { can, sessionCookieName } from '@concord/shared';
import type { Accounts } from '../../accounts/Accounts.ts';
import { isAllowedOrigin } from '../../http/origins.ts';
import { UpgradeRefusal, type ConnectionIdentity, type Extension, type UpgradeRequest } from '../Extension.ts';

/**
 * Admits a websocket only with a live session and from an allowed Origin (no cross-site websocket hijacking:
 * the browser sends the session cookie with any page's websocket, but always states the page's Origin).
 * The connection's identity, and whether it may write, come from the session.
 */
export class SessionAuthExtension implements Extension {
  readonly name = 'session-auth';
  readonly priority = 0;

  constructor(
    private readonly accounts: Accounts,
    private readonly allowedOrigins: ReadonlySet<string>,
    /** Told of every refusal, for the audit log. */
    private readonly onRefused: (request: UpgradeRequest, refusal: UpgradeRefusal) => void = () => {},
  ) {}

  async onAuthenticate(request: UpgradeRequest): Promise<Partial<ConnectionIdentity>> {
    try {
      return await this.authenticate(request);
    } catch (error) {
      if (error instanceof UpgradeRefusal) this.onRefused(request, error);
      throw error;
    }
  }

  private async authenticate(request: UpgradeRequest): Promise<Partial<ConnectionIdentity>> {
    const origin = request.headers.origin;
    if (!isAllowedOrigin(origin, request.headers.host, this.allowedOrigins)) throw new UpgradeRefusal(403, 'origin not allowed');
    const cookie = request.headers.cookie;
    const sessionId = cookie === undefined ? undefined : parseCookies(cookie, sessionCookieName)[sessionCookieName];
    const authenticated = await this.accounts.authenticate(sessionId);
    if (authenticated === null) throw new UpgradeRefusal(401, 'sign in first');
    const { user, session } = authenticated;
    if (!can(user, 'document.read')) throw new UpgradeRefusal(403, 'this account cannot read documents');
    return { principal: user.id, principalIsEphemeral: false, readOnly: !can(user, 'document.edit'), user, sessionIdHash: session.idHash };
  }
}
