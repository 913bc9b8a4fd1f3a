import { useEffect, useRef, useState } from 'react';
import { can, type User } from '@concord/shared';
import { checkSession } from './checkSession.ts';
import { CollaborationSession } from './CollaborationSession.ts';

/** The collaboration server listens on the page's own origin (the CSP allows no other). */
function websocketOrigin(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`;
}

/** Opens the document's collaboration session for the lifetime of the component (client-side only). */
export function useCollaborationSession(documentId: string, user: User): CollaborationSession | null {
  const [session, setSession] = useState<CollaborationSession | null>(null);
  const userRef = useRef(user);
  userRef.current = user;
  useEffect(() => {
    const current = userRef.current;
    const created = new CollaborationSession({
      documentId,
      user: current,
      canEdit: can(current, 'document.edit'),
      websocketOrigin: websocketOrigin(),
      checkSession: () => checkSession(current),
    });
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [documentId, user.id]);
  return session;
}
