import { Suspense, lazy, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type SessionInfo } from '@concord/shared';
import { onSessionEnded } from './api/http.ts';
import { currentSession, signOut } from './api/session.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { Header } from './components/Header.tsx';
import { Button } from './components/Button.tsx';
import { navigate, usePathname } from './routing/history.ts';
import { matchRoute, paths, type Route } from './routing/routes.ts';
import { AcceptInvitation } from './screens/AcceptInvitation.tsx';
import { AdminPage } from './screens/AdminPage.tsx';
import { DocumentList } from './screens/DocumentList.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { SignIn } from './screens/SignIn.tsx';

/** Where the app stands with the server: asking, no session (and why), or signed in. */
type SessionState = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'signedOut'; ended: boolean } | { kind: 'signedIn'; session: SessionInfo };

/** After a navigation, focus goes to the new screen's heading, so keyboard and screen-reader users start there. */
function useFocusOnNavigation(pathname: string): void {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading !== null) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else document.querySelector<HTMLElement>('main')?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
}

/** The client shell: restores the session, shows sign-in when there is none, and the screen the address names. */
export function App() {
  const { t } = useTranslation();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  useFocusOnNavigation(pathname);

  const restore = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const session = await currentSession();
      setState(session === null ? { kind: 'signedOut', ended: false } : { kind: 'signedIn', session });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }, []);
  useEffect(() => {
    void restore();
  }, [restore]);
  useEffect(() => onSessionEnded(() => setState({ kind: 'signedOut', ended: true })), []);

  const handleSignOut = async () => {
    const leaving = state.kind === 'signedIn' ? state.session.user.id : null;
    await signOut();
    // Signing out is leaving this computer: the offline copies of this person's documents go too.
    if (leaving !== null) await import('./editor/collaboration/localCopies.ts').then(({ clearLocalCopies }) => clearLocalCopies(leaving)).catch(() => {});
    setState({ kind: 'signedOut', ended: false });
    navigate(paths.documents);
  };

  const user = state.kind === 'signedIn' ? state.session.user : null;
  // The editor takes the whole window for the text and its side panels.
  const wide = route.name === 'document' && user !== null;
  // The header spans the window on every view of a document, so that its tabs stay in place when switching views.
  const wideHeader = wide || ((route.name === 'compilation' || route.name === 'snapshots') && user !== null);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header user={user} pathname={pathname} onSignOut={handleSignOut} wide={wideHeader} />
      <main id="main" tabIndex={-1} className={wide ? 'main main--wide' : 'main'}>
        {route.name === 'invitation' ? (
          // Needs no session: the invited person has no password yet.
          <AcceptInvitation />
        ) : route.name === 'verify' ? (
          // Needs no session either: whoever was given a signed file checks it with the public key.
          <Lazy>
            <VerifyScreen signedIn={state.kind === 'signedIn'} />
          </Lazy>
        ) : state.kind === 'loading' ? (
          <p className="muted" role="status">
            {t('app.loading')}
          </p>
        ) : state.kind === 'failed' ? (
          <div className="screen screen--narrow stack">
            <ErrorNotice error={state.error} />
            <Button onClick={() => void restore()}>{t('actions.retry')}</Button>
          </div>
        ) : state.kind === 'signedOut' ? (
          <SignIn sessionEnded={state.ended} onSignedIn={(session) => setState({ kind: 'signedIn', session })} />
        ) : (
          <Screen route={route} session={state.session} />
        )}
      </main>
    </>
  );
}

/** The editor (Tiptap, ProseMirror, Yjs) is most of the code: loaded when a document is opened, not at sign-in. */
const EditorScreen = lazy(() => import('./editor/EditorScreen.tsx').then((module) => ({ default: module.EditorScreen })));
/** The compilation reads the text from the same collaboration session: loaded with it, when opened. */
const CompilationScreen = lazy(() => import('./screens/CompilationScreen.tsx').then((module) => ({ default: module.CompilationScreen })));
/** Snapshots, exports, comparisons, the file check and the progress report: loaded when opened. */
const SnapshotsScreen = lazy(() => import('./screens/SnapshotsScreen.tsx').then((module) => ({ default: module.SnapshotsScreen })));
const ReportsScreen = lazy(() => import('./screens/ReportsScreen.tsx').then((module) => ({ default: module.ReportsScreen })));
const VerifyScreen = lazy(() => import('./snapshots/verify/VerifyScreen.tsx').then((module) => ({ default: module.VerifyScreen })));

/** A lazily loaded screen, with "Loading…" meanwhile. */
function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

function Screen({ route, session }: { route: Route; session: SessionInfo }) {
  const { t } = useTranslation();
  const { user } = session;
  switch (route.name) {
    case 'documents':
      return <DocumentList user={user} />;
    case 'document':
      // Keyed by document, so opening another one starts a fresh editor.
      return (
        <Lazy>
          <EditorScreen key={route.documentId} documentId={route.documentId} user={user} />
        </Lazy>
      );
    case 'compilation':
      return (
        <Lazy>
          <CompilationScreen key={route.documentId} documentId={route.documentId} user={user} />
        </Lazy>
      );
    case 'snapshots':
      return (
        <Lazy>
          <SnapshotsScreen key={route.documentId} documentId={route.documentId} user={user} />
        </Lazy>
      );
    case 'reports':
      return (
        <Lazy>
          <ReportsScreen />
        </Lazy>
      );
    case 'admin':
      return can(user, 'users.manage') ? <AdminPage user={user} /> : <NotFound forbiddenReason={t('admin.forbidden')} />;
    case 'invitation':
    case 'verify':
    case 'notFound':
      return <NotFound />;
  }
}
