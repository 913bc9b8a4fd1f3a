import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authorOf, decideFloor, defaultThreadRules, voiceOf } from '@concord/shared';
import type { ThreadView } from '../../api/threads.ts';
import { Button } from '../../components/Button.tsx';
import { ActionError } from '../ActionError.tsx';
import { useDiscussion } from '../DiscussionContext.ts';
import { replyBlocker } from '../model/threadPermissions.ts';
import { useAction } from '../useAction.ts';
import './controls.css';

/**
 * Replying in a thread. Hidden, with the reason, when the user cannot comment or the thread is locked or resolved.
 * What is typed lives in the store's drafts: a failed send, or closing the thread, loses nothing.
 */
export function ReplyBox({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation('discussion');
  const { store, user, isChair } = useDiscussion();
  const id = useId();
  const [body, setBody] = useState(() => store.drafts.get(thread.id) ?? '');
  const [queuedNotice, setQueuedNotice] = useState(false);
  const action = useAction();
  useEffect(() => {
    if (body === '') store.drafts.delete(thread.id);
    else store.drafts.set(thread.id, body);
  }, [store, thread.id, body]);

  const blocker = replyBlocker(user, thread);
  if (blocker !== null) {
    // Worded for the viewer: a chair is told what they can do about it (the button is just below).
    return (
      <p className="reply__blocked" data-testid="reply-blocked">
        {isChair && blocker !== 'cannot-comment' ? t(`reply.blockedForChair.${blocker}`) : t(`reply.blocked.${blocker}`)}
      </p>
    );
  }
  // Mirrors the alternating floor, so that nobody is surprised that their comment waits.
  const floor = decideFloor(thread, thread.comments, voiceOf(authorOf(user)));

  const send = async () => {
    const text = body.trim();
    if (text === '' || action.pending) return;
    const comment = await action.run(() => store.reply(thread.id, text));
    if (comment === undefined) return;
    setBody('');
    setQueuedNotice(comment.state === 'queued');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };
  return (
    <form className="reply" onSubmit={onSubmit}>
      <label htmlFor={id} className="reply__label">
        {t('reply.label')}
      </label>
      <textarea
        id={id}
        className="reply__input"
        data-testid="reply-box"
        rows={2}
        maxLength={defaultThreadRules.maxCommentLength}
        value={body}
        placeholder={t('reply.hint')}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <ActionError error={action.error} />
      <p className="reply__status" role="status">
        {queuedNotice && t('reply.queuedNotice')}
      </p>
      <div className="reply__actions">
        {/* The floor's warning is shown; the usual hint is the box's placeholder (and still read out), to keep the box small. */}
        <p className={floor.state === 'queued' ? 'reply__hint' : 'reply__hint visually-hidden'} id={`${id}-hint`}>
          {floor.state === 'queued' ? t('reply.willQueue', { count: floor.k }) : t('reply.hint')}
        </p>
        <Button type="submit" variant="primary" data-testid="reply-send" disabled={action.pending || body.trim() === ''}>
          {action.pending ? t('reply.sending') : t('reply.send')}
        </Button>
      </div>
    </form>
  );
}
