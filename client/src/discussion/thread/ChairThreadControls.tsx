import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '../../api/threads.ts';
import { Button } from '../../components/Button.tsx';
import { ActionError } from '../ActionError.tsx';
import { useDiscussion } from '../DiscussionContext.ts';
import type { ThreadModeration } from '../model/DiscussionStore.ts';
import { resolutionNeed } from '../model/threadPermissions.ts';
import { ReasonForm } from '../ReasonForm.tsx';
import { useAction } from '../useAction.ts';
import { FloorAndRequests } from './FloorAndRequests.tsx';
import './controls.css';

/**
 * A chair's actions on a thread: pin, lock, resolve (with a written reason when not every group has taken part,
 * as shared resolution.ts requires), reopen, the alternating floor and requests for input. Shown to chairs only;
 * the server refuses them to anyone else.
 */
export function ChairThreadControls({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const { store, user } = useDiscussion();
  const action = useAction();
  const [overriding, setOverriding] = useState(false);
  const act = (input: ThreadModeration) => void action.run(() => store.moderate(input));
  const need = resolutionNeed(user, thread);
  const open = thread.state === 'open';

  const resolve = () => {
    if (need?.kind === 'override') setOverriding(true);
    else act({ action: 'resolve', threadId: thread.id });
  };

  return (
    <section className="chair-controls" aria-label={t('chair.label')} data-testid="chair-controls">
      <h4 className="chair-controls__title">{t('chair.title')}</h4>
      <div className="chair-controls__row">
        <Button variant="secondary" disabled={action.pending} aria-pressed={thread.pinned} onClick={() => act({ action: thread.pinned ? 'unpin' : 'pin', threadId: thread.id })}>
          {thread.pinned ? t('chair.unpin') : t('chair.pin')}
        </Button>
        <Button variant="secondary" disabled={action.pending} aria-pressed={thread.locked} onClick={() => act({ action: thread.locked ? 'unlock' : 'lock', threadId: thread.id })}>
          {thread.locked ? t('chair.unlock') : t('chair.lock')}
        </Button>
        {open ? (
          <Button variant="primary" data-testid="resolve-button" disabled={action.pending || overriding} onClick={resolve}>
            {t('chair.resolve')}
          </Button>
        ) : (
          <Button variant="secondary" data-testid="reopen-button" disabled={action.pending} onClick={() => act({ action: 'reopen', threadId: thread.id })}>
            {t('chair.reopen')}
          </Button>
        )}
      </div>
      <ActionError error={action.error} />
      {overriding && open && need?.kind === 'override' && (
        <ReasonForm
          testId="override-form"
          label={t('chair.overrideLabel')}
          hint={t('chair.overrideHint', { missing: need.missing.join(', ') })}
          submitLabel={t('chair.resolveAnyway')}
          onCancel={() => setOverriding(false)}
          onSubmit={async (overrideReason) => {
            await store.moderate({ action: 'resolve', threadId: thread.id, overrideReason });
            setOverriding(false);
          }}
        />
      )}
      {open && <FloorAndRequests thread={thread} />}
    </section>
  );
}
