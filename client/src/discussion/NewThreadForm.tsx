import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { defaultThreadRules, type ThreadAnchor } from '@concord/shared';
import { Button } from '../components/Button.tsx';
import { ActionError } from './ActionError.tsx';
import { useDiscussion } from './DiscussionContext.ts';
import type { ParagraphReason } from './editor/commentTarget.ts';
import { paragraphName } from './thread/ThreadAnchor.tsx';
import { useAction } from './useAction.ts';

/** A new thread being written: where it will hang, and for a range, where its text is now. */
export interface Composition {
  anchor: ThreadAnchor;
  /** Why it goes to the whole paragraph (null for a range). */
  reason: ParagraphReason | null;
  /** The selected text's range as it is now (null once deleted), to write the comment mark there. */
  range: ((state: EditorState) => { from: number; to: number } | null) | null;
}

const draftKey = 'new';

/**
 * Writing the first comment of a new thread. Once the server has created the thread, a range thread gets its
 * `comment` mark on the selected text (wherever others' edits have moved it meanwhile).
 */
export function NewThreadForm({ composition, editor, onCreated, onCancel }: { composition: Composition; editor: Editor | null; onCreated: (threadId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('discussion');
  const environment = useDiscussion();
  const { store } = environment;
  const id = useId();
  const [body, setBody] = useState(() => store.drafts.get(draftKey) ?? '');
  const action = useAction();
  useEffect(() => {
    if (body === '') store.drafts.delete(draftKey);
    else store.drafts.set(draftKey, body);
  }, [store, body]);

  const { anchor, reason } = composition;
  const name = paragraphName({ ...environment, t }, anchor.blockId) ?? t('anchor.paragraphLoading');

  const send = async () => {
    const text = body.trim();
    if (text === '' || action.pending) return;
    const thread = await action.run(() => store.createThread({ anchor, body: text }));
    if (thread === undefined) return;
    const range = editor === null || editor.isDestroyed ? null : (composition.range?.(editor.state) ?? null);
    if (range !== null && editor !== null) {
      editor.commands.anchorComment({ ...range, threadId: thread.id });
      // The commented words are no longer "the selection": one more click would open a second thread on them.
      const { selection } = editor.state;
      if (!selection.empty && selection.from < range.to && selection.to > range.from) editor.commands.setTextSelection(range.to);
    }
    setBody('');
    onCreated(thread.id);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') onCancel();
  };

  return (
    <form className="new-thread" onSubmit={onSubmit} data-testid="new-thread-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="new-thread__title">
        {t('compose.title')}
      </h3>
      <p className="new-thread__target">
        {anchor.kind === 'range' ? (
          <>
            {t('compose.onText', { paragraph: name })} <q className="anchor__quote">{anchor.quote}</q>
          </>
        ) : (
          t('compose.onParagraph', { paragraph: name })
        )}
      </p>
      {reason !== null && <p className="new-thread__reason">{t(`compose.reason.${reason}`)}</p>}
      <label htmlFor={id} className="new-thread__label">
        {t('compose.label')}
      </label>
      <textarea
        id={id}
        className="new-thread__input"
        data-testid="new-thread-body"
        rows={4}
        maxLength={defaultThreadRules.maxCommentLength}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        ref={(element) => {
          // Focus once, when the form opens.
          if (element !== null && element.dataset.focused !== 'yes') {
            element.dataset.focused = 'yes';
            element.focus();
          }
        }}
      />
      <p className="reply__hint">{t('reply.hint')}</p>
      <ActionError error={action.error} />
      <div className="new-thread__actions">
        <Button type="submit" variant="primary" data-testid="new-thread-send" disabled={action.pending || body.trim() === ''}>
          {action.pending ? t('reply.sending') : t('compose.send')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
      </div>
    </form>
  );
}
