import type { Editor } from '@tiptap/core';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { blockStatusSchema, can, paragraphRoleSchema, type User } from '@concord/shared';
import { classNames } from '../../components/classNames.ts';
import { ShortcutList } from './ShortcutList.tsx';
import { keyLabel, shortcuts } from './shortcuts.ts';
import { useToolbarState, type ToolbarState } from './useToolbarState.ts';
import type { EditorStrings } from '../useEditorStrings.ts';

interface ToolButtonProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}

/** A toolbar button: keeps the text selection (no focus theft on mouse down), says its state with aria-pressed. */
function ToolButton({ label, shortcut, pressed, disabled, onClick, className, children }: ToolButtonProps) {
  return (
    <button
      type="button"
      className={classNames('tool', pressed === true && 'tool--pressed', className)}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut === undefined ? undefined : keyLabel(shortcut, 'aria')}
      title={shortcut === undefined ? label : `${label} (${keyLabel(shortcut, 'display')})`}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export interface ToolbarProps {
  editor: Editor;
  user: User;
  strings: EditorStrings;
  ref?: Ref<HTMLDivElement>;
  /** Shown at the end of the text tools (the "typing for" choice of chairs and the secretariat). */
  extra?: ReactNode;
}

type Chain = ReturnType<Editor['chain']>;

/** Two rows: the text tools (history, formatting, brackets, alternatives), then the current paragraph's role and status. */
export function Toolbar({ editor, user, strings, ref, extra }: ToolbarProps) {
  const { t } = useTranslation('editor');
  const state = useToolbarState(editor);
  if (state === null) return null;
  const run = (command: (chain: Chain) => Chain) => command(editor.chain().focus()).run();
  return (
    <div className="drafting-toolbar" role="group" aria-label={t('toolbar.label')} ref={ref}>
      <div className="drafting-toolbar__row">
        <TextTools editor={editor} state={state} run={run} />
        {extra}
        <ShortcutList />
      </div>
      <div className="drafting-toolbar__row">
        <ParagraphTools editor={editor} state={state} user={user} strings={strings} />
      </div>
    </div>
  );
}

function TextTools({ editor, state, run }: { editor: Editor; state: ToolbarState; run: (command: (chain: Chain) => Chain) => boolean }) {
  const { t } = useTranslation('editor');
  const editable = editor.isEditable;
  // Formatting an agreed paragraph would be refused: the buttons say so by being unavailable.
  const formattable = editable && state.block?.locked !== true;
  return (
    <>
      <div className="drafting-toolbar__group" role="group" aria-label={t('toolbar.history')}>
        <ToolButton label={t('toolbar.undo')} shortcut={shortcuts.undo} disabled={!editable || !state.canUndo} onClick={() => run((chain) => chain.undo())}>
          <span aria-hidden="true">↶</span>
        </ToolButton>
        <ToolButton label={t('toolbar.redo')} shortcut={shortcuts.redo} disabled={!editable || !state.canRedo} onClick={() => run((chain) => chain.redo())}>
          <span aria-hidden="true">↷</span>
        </ToolButton>
      </div>
      <div className="drafting-toolbar__group" role="group" aria-label={t('toolbar.format')}>
        <ToolButton label={t('toolbar.bold')} shortcut={shortcuts.bold} pressed={state.bold} disabled={!formattable} onClick={() => run((chain) => chain.toggleBold())} className="tool--bold">
          <span aria-hidden="true">B</span>
        </ToolButton>
        <ToolButton label={t('toolbar.italic')} shortcut={shortcuts.italic} pressed={state.italic} disabled={!formattable} onClick={() => run((chain) => chain.toggleItalic())} className="tool--italic">
          <span aria-hidden="true">I</span>
        </ToolButton>
        <ToolButton label={t('toolbar.underline')} shortcut={shortcuts.underline} pressed={state.underline} disabled={!formattable} onClick={() => run((chain) => chain.toggleUnderline())} className="tool--underline">
          <span aria-hidden="true">U</span>
        </ToolButton>
        <ToolButton label={t('toolbar.bracketsLabel')} shortcut={shortcuts.brackets} pressed={state.bracket} disabled={!formattable} onClick={() => run((chain) => chain.toggleBracket())} className="tool--text">
          {t('toolbar.brackets')}
        </ToolButton>
        <ToolButton label={t('toolbar.addAlternative')} shortcut={shortcuts.addAlternative} disabled={!state.canAddAlternative} onClick={() => run((chain) => chain.addAlternative())} className="tool--text">
          {t('toolbar.addAlternative')}
        </ToolButton>
      </div>
    </>
  );
}

function ParagraphTools({ editor, state, user, strings }: { editor: Editor; state: ToolbarState; user: User; strings: EditorStrings }) {
  const { t } = useTranslation('editor');
  const { block } = state;
  const editable = editor.isEditable;
  const chair = can(user, 'block.setStatus');
  if (block === null) {
    return (
      <div className="drafting-toolbar__group drafting-toolbar__paragraph" role="group" aria-label={t('toolbar.paragraph')}>
        <span className="drafting-toolbar__hint">{t('toolbar.noParagraph')}</span>
      </div>
    );
  }
  const label = strings.blockLabel(block);
  const statusText = t(`status.${block.status}`);
  return (
    <div className="drafting-toolbar__group drafting-toolbar__paragraph" role="group" aria-label={t('toolbar.paragraph')}>
      <span className="drafting-toolbar__current">{label === '' ? t('toolbar.currentUnlabelled') : t('toolbar.current', { label })}</span>
      {block.type === 'paragraph' && (
        <label className="drafting-toolbar__field">
          <span>{t('toolbar.role')}</span>
          <select name="role" value={block.role} disabled={!editable || block.locked} onChange={(event) => editor.commands.setParagraphRole(paragraphRoleSchema.parse(event.target.value))}>
            {paragraphRoleSchema.options.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {chair ? (
        <label className="drafting-toolbar__field">
          <span>{t('toolbar.status')}</span>
          <select name="status" value={block.status} disabled={!editable} onChange={(event) => editor.commands.setBlockStatus(blockStatusSchema.parse(event.target.value))}>
            {blockStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className={`status-chip status-chip--${block.status}`}>{statusText}</span>
      )}
      {block.locked && <span className="drafting-toolbar__locked">{t(chair ? 'toolbar.lockedChair' : 'toolbar.locked', { status: statusText })}</span>}
    </div>
  );
}
