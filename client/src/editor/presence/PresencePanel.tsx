import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { nsaCommittee, type PresenceUser } from '@concord/shared';
import type { WebsocketProvider } from 'y-websocket';
import { presenceCue } from './presenceCue.ts';
import { presenceSummary, type PresenceSummary, type PresentPerson } from './presenceSummary.ts';
import type { EditorStrings } from '../useEditorStrings.ts';

/**
 * The presence summary, re-rendered only when it changes: awareness also changes with every caret move of
 * anyone, which must not re-render React (a commit measures the selection across the whole document).
 */
function usePresenceSummary(provider: WebsocketProvider, self: PresenceUser): PresenceSummary {
  const store = useMemo(() => {
    let key = '';
    let summary: PresenceSummary | null = null;
    const recompute = (): boolean => {
      const next = presenceSummary(provider.awareness.getStates(), { clientId: provider.awareness.clientID, user: self });
      const nextKey = JSON.stringify(next);
      if (nextKey === key && summary !== null) return false;
      key = nextKey;
      summary = next;
      return true;
    };
    recompute();
    return {
      subscribe: (onChange: () => void) => {
        const listener = () => {
          if (recompute()) onChange();
        };
        provider.awareness.on('change', listener);
        return () => provider.awareness.off('change', listener);
      },
      get: () => summary!,
    };
  }, [provider, self]);
  return useSyncExternalStore(store.subscribe, store.get);
}

function Person({ person, strings }: { person: PresentPerson; strings: EditorStrings }) {
  const { t } = useTranslation('editor');
  const { user } = person;
  const badge = user.role === 'chair' ? t('presence.chairBadge') : user.role === 'secretariat' ? t('presence.secretariatBadge') : user.role === 'observer' ? t('presence.observerBadge') : null;
  return (
    <li className="presence__person">
      <span
        className={`presence__swatch presence__swatch--${presenceCue(user)}`}
        aria-hidden="true"
        // The colour is per person's group and set through the CSSOM: the CSP refuses style attributes.
        ref={(element) => {
          if (element !== null) element.style.borderInlineStartColor = user.colour;
        }}
      />
      <span className="presence__name">{user.name}</span>
      {person.self && <span className="presence__self">({t('presence.you')})</span>}
      {badge !== null && <span className={`presence__badge presence__badge--${user.role}`}>{badge}</span>}
      {person.connections > 1 && <span className="presence__tabs">{t('presence.tabs', { count: person.connections })}</span>}
      {user.typingFor !== null && <span className="presence__typing">{t('presence.typingFor', { delegation: strings.delegationName(user.typingFor) })}</span>}
    </li>
  );
}

function PeopleList({ people, strings }: { people: PresentPerson[]; strings: EditorStrings }) {
  const { t } = useTranslation('editor');
  if (people.length === 0) return <p className="presence__empty">{t('presence.nobody')}</p>;
  return (
    <ul className="presence__people">
      {people.map((person) => (
        <Person key={person.user.id} person={person} strings={strings} />
      ))}
    </ul>
  );
}

/** Who is in the document: chairs, delegations by group with NWS and NNWS counts, the secretariat, observers apart. */
export function PresencePanel({ provider, self, strings }: { provider: WebsocketProvider; self: PresenceUser; strings: EditorStrings }) {
  const { t } = useTranslation('editor');
  const summary = usePresenceSummary(provider, self);
  const groupName = (id: string) => nsaCommittee.groups.find((group) => group.id === id)?.name[strings.language] ?? id;
  return (
    <aside className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence__title">
        {t('presence.title')}
      </h2>
      <p className="presence__counts">
        {summary.groups.map((group) => (
          <span key={group.group} className={`presence__count presence__count--${group.group.toLowerCase()}`}>
            <abbr title={groupName(group.group)}>{group.group}</abbr> {t('presence.delegations', { count: group.delegations.length })}
          </span>
        ))}
      </p>
      <section className="presence__section">
        <h3>{t('presence.chairs')}</h3>
        <PeopleList people={summary.chairs} strings={strings} />
      </section>
      {summary.groups.map((group) => (
        <section key={group.group} className="presence__section">
          <h3>{t('presence.group', { name: groupName(group.group), id: group.group })}</h3>
          {group.delegations.length === 0 ? (
            <p className="presence__empty">{t('presence.nobody')}</p>
          ) : (
            <ul className="presence__delegations">
              {group.delegations.map((delegation) => (
                <li key={delegation.code}>
                  <span className="presence__delegation">
                    {strings.delegationName(delegation.code)} <span className="presence__code">{delegation.code}</span>
                  </span>
                  <PeopleList people={delegation.people} strings={strings} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className="presence__section">
        <h3>{t('presence.secretariat')}</h3>
        <PeopleList people={summary.secretariat} strings={strings} />
      </section>
      <section className="presence__section presence__section--observers">
        <h3>{t('presence.observers')}</h3>
        <PeopleList people={summary.observers} strings={strings} />
      </section>
    </aside>
  );
}
