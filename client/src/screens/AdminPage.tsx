import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleLabels, type Invitation, type UpdateUser, type User } from '@concord/shared';
import { createUser, issueInvitation, listUsers, updateUser } from '../api/users.ts';
import { affiliationLabel } from '../components/affiliationLabel.ts';
import { Button } from '../components/Button.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { asLanguage } from '../i18n/language.ts';
import { AccountForm, type AccountValues } from './admin/AccountForm.tsx';
import { InvitationPanel } from './admin/InvitationPanel.tsx';
import { matchesFilter } from './admin/membershipDraft.ts';

type Editing = { kind: 'new' } | { kind: 'edit'; userId: string } | null;

/** Only what changed: role and affiliation travel together (the server checks them as a pair), and an untouched pair does not re-check live sockets. */
function patchOf(user: User, values: AccountValues): UpdateUser | null {
  const patch: UpdateUser = {};
  if (values.name !== user.name) patch.name = values.name;
  if (values.role !== user.role || JSON.stringify(values.affiliation) !== JSON.stringify(user.affiliation)) {
    patch.role = values.role;
    patch.affiliation = values.affiliation;
  }
  return Object.keys(patch).length === 0 ? null : patch;
}

/** The secretariat's account management: list, create, edit role and affiliation, disable, issue invitation links. */
export function AdminPage({ user: me }: { user: User }) {
  const { t, i18n } = useTranslation();
  const language = asLanguage(i18n.language);
  useDocumentTitle(t('admin.title'));
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  // Kept as a key and a name, so the confirmation follows a change of language.
  const [notice, setNotice] = useState<{ key: 'created' | 'updated' | 'disabled' | 'enabled'; name: string } | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [invitation, setInvitation] = useState<{ invitation: Invitation; user: User } | null>(null);
  const [busyUserId, setBusyUserId] = useState<string | null>(null);
  const newAccountButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setUsers(await listUsers());
    } catch (caught) {
      setLoadError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (updated: User) => setUsers((current) => (current ?? []).map((user) => (user.id === updated.id ? updated : user)));
  const collator = useMemo(() => new Intl.Collator(language), [language]);
  const shown = useMemo(
    () => (users ?? []).filter((user) => matchesFilter(user, filter, language)).sort((a, b) => collator.compare(a.name, b.name)),
    [users, filter, language, collator],
  );

  /** Runs a row action: one at a time per row, errors and confirmations shown above the table. */
  const act = async (user: User, action: () => Promise<void>) => {
    setBusyUserId(user.id);
    setActionError(null);
    setNotice(null);
    try {
      await action();
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusyUserId(null);
    }
  };

  const create = async (values: AccountValues) => {
    const created = await createUser(values);
    setUsers((current) => [...(current ?? []), created]);
    setEditing(null);
    setNotice({ key: 'created', name: created.name });
  };

  const save = async (user: User, values: AccountValues) => {
    const patch = patchOf(user, values);
    if (patch !== null) {
      replace(await updateUser(user.id, patch));
      setNotice({ key: 'updated', name: values.name });
    }
    setEditing(null);
  };

  const toggleDisabled = (user: User) =>
    act(user, async () => {
      const updated = await updateUser(user.id, { disabled: !user.disabled });
      replace(updated);
      setNotice({ key: updated.disabled ? 'disabled' : 'enabled', name: updated.name });
    });

  const invite = (user: User) =>
    act(user, async () => {
      setInvitation({ invitation: await issueInvitation(user.id), user });
    });

  const columns = ['name', 'email', 'role', 'speaksFor', 'status', 'actions'] as const;

  return (
    <section className="screen">
      <div className="screen__heading">
        <h1 tabIndex={-1}>{t('admin.title')}</h1>
        <Button
          ref={newAccountButton}
          variant={editing?.kind === 'new' ? 'secondary' : 'primary'}
          aria-expanded={editing?.kind === 'new'}
          onClick={() => setEditing(editing?.kind === 'new' ? null : { kind: 'new' })}
        >
          {t('admin.form.open')}
        </Button>
      </div>
      {editing?.kind === 'new' && (
        <AccountForm
          title={t('admin.form.newTitle')}
          submitLabel={t('admin.form.create')}
          submittingLabel={t('admin.form.creating')}
          onSubmit={create}
          onCancel={() => {
            setEditing(null);
            newAccountButton.current?.focus();
          }}
        />
      )}
      {invitation !== null && <InvitationPanel invitation={invitation.invitation} user={invitation.user} onClose={() => setInvitation(null)} />}
      {notice !== null && <Notice tone="success">{t(`admin.notices.${notice.key}`, { name: notice.name })}</Notice>}
      {actionError !== null && <ErrorNotice error={actionError} />}
      {loadError !== null && (
        <div className="stack">
          <ErrorNotice error={loadError} />
          <Button onClick={() => void load()}>{t('actions.retry')}</Button>
        </div>
      )}
      {users === null && loadError === null && (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {users !== null && (
        <>
          <div className="toolbar">
            <Field label={t('admin.filter')} hint={t('admin.filterHint')}>
              {(control) => <input {...control} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />}
            </Field>
            <p className="toolbar__count" role="status">
              {t('admin.count', { shown: shown.length, total: users.length })}
            </p>
          </div>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">{t('admin.title')}</caption>
              <thead>
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      {t(`admin.columns.${column}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={columns.length} className="muted">
                      {t('admin.noMatch')}
                    </td>
                  </tr>
                )}
                {shown.map((user) => {
                  const isMe = user.id === me.id;
                  const busy = busyUserId === user.id;
                  const status = user.disabled ? 'disabled' : user.hasPassword ? 'active' : 'noPassword';
                  return [
                    <tr key={user.id} className={user.disabled ? 'table__row--disabled' : undefined}>
                      <th scope="row">
                        <span dir="auto">{user.name}</span> {isMe && <span className="muted">{t('admin.you')}</span>}
                      </th>
                      <td dir="ltr">{user.email}</td>
                      <td>{roleLabels[user.role][language]}</td>
                      <td>{affiliationLabel(user.affiliation, language)}</td>
                      <td>
                        <span className={`status status--${status}`}>{t(`admin.status.${status}`)}</span>
                      </td>
                      <td>
                        <div className="table__actions">
                          <Button
                            variant="quiet"
                            aria-label={t('admin.actions.editOf', { name: user.name })}
                            aria-expanded={editing?.kind === 'edit' && editing.userId === user.id}
                            onClick={() => setEditing(editing?.kind === 'edit' && editing.userId === user.id ? null : { kind: 'edit', userId: user.id })}
                          >
                            {t('admin.actions.edit')}
                          </Button>
                          {!isMe && (
                            <Button
                              variant={user.disabled ? 'quiet' : 'danger'}
                              disabled={busy}
                              aria-label={t(user.disabled ? 'admin.actions.enableOf' : 'admin.actions.disableOf', { name: user.name })}
                              onClick={() => void toggleDisabled(user)}
                            >
                              {t(user.disabled ? 'admin.actions.enable' : 'admin.actions.disable')}
                            </Button>
                          )}
                          {!user.disabled && (
                            <Button variant="quiet" disabled={busy} aria-label={t('admin.actions.inviteOf', { name: user.name })} onClick={() => void invite(user)}>
                              {t('admin.actions.invite')}
                            </Button>
                          )}
                        </div>
                      </td>
                    </tr>,
                    editing?.kind === 'edit' && editing.userId === user.id && (
                      <tr key={`${user.id}-edit`} className="table__row--form">
                        <td colSpan={columns.length}>
                          <AccountForm
                            user={user}
                            lockMembership={isMe}
                            title={t('admin.form.editTitle', { name: user.name })}
                            submitLabel={t('actions.save')}
                            submittingLabel={t('actions.saving')}
                            onSubmit={(values) => save(user, values)}
                            onCancel={() => setEditing(null)}
                          />
                        </td>
                      </tr>
                    ),
                  ];
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
