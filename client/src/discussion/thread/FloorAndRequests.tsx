import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { floorKOf, nsaCommittee, threadLimits, type InputTarget } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';
import { Button } from '../../components/Button.tsx';
import { ActionError } from '../ActionError.tsx';
import { useDiscussion } from '../DiscussionContext.ts';
import { useAction } from '../useAction.ts';

/** "group:NWS" or "delegation:EGY" (a <select>'s value) as the API's input target. */
function targetOf(value: string): InputTarget | null {
  const [kind, id] = value.split(':');
  if (kind === 'group' && id !== undefined) return { kind: 'group', groupId: id };
  if (kind === 'delegation' && id !== undefined) return { kind: 'delegation', delegationCode: id };
  return null;
}

/** The alternating floor of a thread (on/off and k) and asking a group or a delegation for its input. */
export function FloorAndRequests({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const { store, strings } = useDiscussion();
  const id = useId();
  const floorAction = useAction();
  const requestAction = useAction();
  const [enabled, setEnabled] = useState(thread.floor.enabled);
  const [k, setK] = useState(String(floorKOf(thread)));
  const [target, setTarget] = useState('');
  const [requested, setRequested] = useState<string | null>(null);
  const groupName = (groupId: string) => nsaCommittee.groups.find((group) => group.id === groupId)?.name[strings.language] ?? groupId;
  const kValue = Number.parseInt(k, 10);
  const kValid = Number.isInteger(kValue) && kValue >= 1 && kValue <= threadLimits.floorK;

  const saveFloor = (event: FormEvent) => {
    event.preventDefault();
    if (!kValid) return;
    void floorAction.run(() => store.moderate({ action: 'set-floor', threadId: thread.id, enabled, k: kValue }));
  };
  const request = async (event: FormEvent) => {
    event.preventDefault();
    const input = targetOf(target);
    if (input === null) return;
    setRequested(null);
    const done = await requestAction.run(() => store.moderate({ action: 'request-input', threadId: thread.id, target: input }));
    if (done !== undefined) setRequested(input.kind === 'group' ? input.groupId : strings.delegationName(input.delegationCode));
  };

  return (
    <details className="chair-controls__more">
      <summary>{thread.floor.enabled ? t('floor.summaryOn', { count: floorKOf(thread) }) : t('floor.summaryOff')}</summary>
      <form className="chair-controls__form" onSubmit={saveFloor}>
        <fieldset className="chair-controls__floor">
          <legend>{t('floor.legend')}</legend>
          <p className="chair-controls__hint" id={`${id}-hint`}>
            {t('floor.explanation')}
          </p>
          <label className="chair-controls__check">
            <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> {t('floor.enabled')}
          </label>
          <div className="chair-controls__field">
            <label htmlFor={`${id}-k`}>{t('floor.k')}</label>
            <input
              id={`${id}-k`}
              className="chair-controls__number"
              type="number"
              min={1}
              max={threadLimits.floorK}
              value={k}
              onChange={(event) => setK(event.target.value)}
              aria-describedby={`${id}-hint`}
              aria-invalid={kValid ? undefined : true}
            />
          </div>
          <div className="chair-controls__row">
            <Button type="submit" variant="secondary" disabled={floorAction.pending || !kValid}>
              {t('floor.save')}
            </Button>
          </div>
          <ActionError error={floorAction.error} />
        </fieldset>
      </form>
      <form className="chair-controls__form" onSubmit={(event) => void request(event)}>
        <label htmlFor={`${id}-target`}>{t('request.label')}</label>
        <div className="chair-controls__row">
          <select id={`${id}-target`} value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">{t('request.choose')}</option>
            <optgroup label={t('request.groups')}>
              {nsaCommittee.groups.map((group) => (
                <option key={group.id} value={`group:${group.id}`}>
                  {group.id}: {groupName(group.id)}
                </option>
              ))}
            </optgroup>
            {nsaCommittee.groups.map((group) => (
              <optgroup key={group.id} label={t('request.delegationsOf', { group: group.id })}>
                {nsaCommittee.delegations
                  .filter((delegation) => delegation.group === group.id)
                  .map((delegation) => (
                    <option key={delegation.code} value={`delegation:${delegation.code}`}>
                      {delegation.code}: {delegation.name[strings.language]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={requestAction.pending || target === ''}>
            {t('request.send')}
          </Button>
        </div>
        <ActionError error={requestAction.error} />
        <p className="chair-controls__done" role="status">
          {requested !== null && t('request.done', { target: requested })}
        </p>
      </form>
    </details>
  );
}
