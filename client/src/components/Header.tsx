import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, roleLabels, type User } from '@concord/shared';
import { asLanguage } from '../i18n/language.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { Link } from '../routing/Link.tsx';
import { matchRoute, paths } from '../routing/routes.ts';
import { affiliationLabel } from './affiliationLabel.ts';
import { Button } from './Button.tsx';
import { classNames } from './classNames.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export interface HeaderProps {
  /** Null before sign-in: then only the name and the language switch show. */
  user: User | null;
  /** The current path, to mark the current section. */
  pathname: string;
  onSignOut: () => Promise<void>;
  /** Spans the whole window, like the editor below it. */
  wide?: boolean;
}

/**
 * The bar on every screen: the app's name, the sections, the notifications, who is signed in (name, role,
 * delegation), language, sign-out; and in a document, a second row with its three views (drafting room,
 * compilation of positions, snapshots and exports).
 */
export function Header({ user, pathname, onSignOut, wide = false }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const route = matchRoute(pathname);
  const documentId = route.name === 'document' || route.name === 'compilation' || route.name === 'snapshots' ? route.documentId : null;
  const language = asLanguage(i18n.language);
  const [signingOut, setSigningOut] = useState(false);
  const section =
    pathname === paths.admin ? 'admin' : route.name === 'reports' ? 'reports' : pathname === paths.documents || pathname.startsWith('/documents/') ? 'documents' : null;
  const signOut = async () => {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  };
  return (
    <header className="app-header">
      <div className={classNames('app-header__inner', wide && 'app-header__inner--wide')}>
        <Link to={paths.documents} className="app-header__name">
          {t('app.name')}
        </Link>
        {user !== null && (
          <nav className="app-header__nav" aria-label={t('header.navigation')}>
            <ul>
              {/* Inside a document, the document's own view is the current page. */}
              <HeaderLink to={paths.documents} current={section === 'documents' ? (documentId === null ? 'page' : 'location') : null}>
                {t('header.documents')}
              </HeaderLink>
              {can(user, 'document.read') && (
                <HeaderLink to={paths.reports} current={section === 'reports' ? 'page' : null}>
                  {t('header.reports')}
                </HeaderLink>
              )}
              {can(user, 'users.manage') && (
                <HeaderLink to={paths.admin} current={section === 'admin' ? 'page' : null}>
                  {t('header.accounts')}
                </HeaderLink>
              )}
            </ul>
          </nav>
        )}
        <div className="app-header__end">
          {user !== null && (
            <p className="app-header__user">
              <span className="visually-hidden">{t('header.signedInAs')} </span>
              <span className="app-header__user-name" dir="auto">
                {user.name}
              </span>
              <span className="app-header__user-role">
                {roleLabels[user.role][language]}
                {user.affiliation.kind !== 'secretariat' && ` · ${affiliationLabel(user.affiliation, language)}`}
              </span>
            </p>
          )}
          {user !== null && <NotificationBell key={user.id} />}
          <LanguageSwitch />
          {user !== null && (
            <Button variant="quiet" onClick={() => void signOut()} disabled={signingOut}>
              {signingOut ? t('header.signingOut') : t('header.signOut')}
            </Button>
          )}
        </div>
      </div>
      {user !== null && documentId !== null && (
        // A second row for the document's own views, so that the committee-wide sections stay in reach.
        <div className="app-header__document">
          <div className={classNames('app-header__inner', 'app-header__document-inner', wide && 'app-header__inner--wide')}>
            <nav className="app-header__nav app-header__nav--document" aria-label={t('header.documentNavigation')}>
              <ul>
                <HeaderLink to={paths.document(documentId)} current={route.name === 'document' ? 'page' : null}>
                  {t('header.draftingRoom')}
                </HeaderLink>
                <HeaderLink to={paths.compilation(documentId)} current={route.name === 'compilation' ? 'page' : null}>
                  {t('header.compilation')}
                </HeaderLink>
                <HeaderLink to={paths.snapshots(documentId)} current={route.name === 'snapshots' ? 'page' : null}>
                  {t('header.snapshots')}
                </HeaderLink>
              </ul>
            </nav>
          </div>
        </div>
      )}
    </header>
  );
}

/** A link of the header; `current` marks the page shown, or ('location') the section it belongs to. */
function HeaderLink({ to, current, children }: { to: string; current: 'page' | 'location' | null; children: ReactNode }) {
  return (
    <li>
      <Link to={to} className={classNames('app-header__link', current !== null && 'is-current')} aria-current={current ?? undefined}>
        {children}
      </Link>
    </li>
  );
}
