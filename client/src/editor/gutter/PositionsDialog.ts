import type { Flag, PositionSummary } from '@concord/shared';
import { navigate } from '../../routing/history.ts';
import { paths } from '../../routing/routes.ts';
import { currentPositionOf } from '../../positions/positionWording.ts';
import { element } from './dom.ts';
import { FlagForm, PositionForm, type FormContext } from './positionForms.ts';
import { flagList, positionsList } from './positionsDetails.ts';

export interface DialogContext extends Omit<FormContext, 'delegationCode'> {
  /** The delegation the viewer speaks for (forms shown), or null (read only). */
  delegationCode: string | null;
  /** Chairs are pointed to the compilation, where flags are answered. */
  moderates: boolean;
  /** Where the dialog lives: outside the editor, so the gutter's re-renders never move what a delegate is typing. */
  host: HTMLElement;
}

const quoteLength = 280;

/**
 * One paragraph's positions and flags in full, in a modal dialog (the top layer: no gutter clips it): the
 * paragraph's words, the positions with their explanations, the flags with the chair's answers, and for a
 * delegate the forms, which keep what was typed while the dialog is closed and reopened.
 */
export class PositionsDialog {
  private readonly dialog = element('dialog', 'positions-dialog');
  private readonly title = element('h2', 'positions-dialog__title');
  private readonly quote = element('p', 'positions-dialog__paragraph');
  private readonly close = element('button', 'positions-dialog__close');
  private readonly details = element('div', 'positions-dialog__details');
  private readonly chairNote = element('p', 'positions-dialog__note');
  private readonly positionForm: PositionForm | null;
  private readonly flagForm: FlagForm | null;
  private label = '';
  private summary: PositionSummary | undefined;
  private flags: readonly Flag[] = [];

  constructor(
    readonly id: string,
    private readonly context: DialogContext,
  ) {
    this.dialog.id = id;
    this.title.id = `${id}-title`;
    this.dialog.setAttribute('aria-labelledby', this.title.id);
    this.close.type = 'button';
    this.close.textContent = '×';
    const head = element('div', 'positions-dialog__head');
    head.append(this.title, this.close);
    this.quote.dir = 'auto';
    this.dialog.append(head, this.quote, this.details);
    if (context.moderates) this.dialog.append(this.chairNote);
    const { delegationCode } = context;
    this.positionForm = delegationCode === null ? null : new PositionForm({ ...context, delegationCode });
    this.flagForm = delegationCode === null ? null : new FlagForm({ ...context, delegationCode });
    if (this.positionForm !== null && this.flagForm !== null) this.dialog.append(this.positionForm.root, this.flagForm.root);
    context.host.append(this.dialog);
    this.close.addEventListener('click', () => this.dialog.close());
    // A click on the backdrop (outside the dialog's box) closes it, as Escape does.
    this.dialog.addEventListener('click', (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
    this.relabel();
  }

  /** Opens it over the page, showing `paragraphText` so that one knows which paragraph this is. */
  open(paragraphText: string): void {
    const text = paragraphText.trim();
    this.quote.textContent = text.length > quoteLength ? `${text.slice(0, quoteLength)}…` : text;
    this.quote.hidden = text === '';
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** Calls `listener` each time the dialog closes, after the browser gave the focus back to what opened it. */
  onClosed(listener: () => void): void {
    this.dialog.addEventListener('close', listener);
  }

  setLabel(label: string): void {
    this.label = label;
    this.renderTitle();
  }

  update(summary: PositionSummary | undefined, flags: readonly Flag[]): void {
    this.summary = summary;
    this.flags = flags;
    this.render();
  }

  relabel(): void {
    const { t } = this.context.strings();
    this.close.setAttribute('aria-label', t('gutter.close'));
    this.close.title = t('gutter.close');
    this.renderTitle();
    this.positionForm?.relabel();
    this.flagForm?.relabel();
    this.render();
  }

  dispose(): void {
    this.dialog.remove();
  }

  private renderTitle(): void {
    const { t } = this.context.strings();
    this.title.textContent = this.label === '' ? t('gutter.panelTitleUnlabelled') : t('gutter.panelTitle', { paragraph: this.label });
  }

  private render(): void {
    const strings = this.context.strings();
    const flags = flagList(this.flags, strings);
    this.details.replaceChildren(positionsList(this.summary, strings), ...(flags === null ? [] : [flags]));
    this.renderChairNote();
    const code = this.context.delegationCode;
    if (code !== null) {
      this.positionForm?.setRecorded(currentPositionOf(this.summary, code));
      this.flagForm?.setFlagged(this.flags.some((flag) => flag.delegationCode === code));
    }
  }

  private renderChairNote(): void {
    const { t } = this.context.strings();
    this.chairNote.replaceChildren();
    this.chairNote.hidden = this.flags.length === 0;
    const to = paths.compilation(this.context.documentId);
    const link = element('a', '', t('gutter.compilationLink'));
    link.href = to;
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.dialog.close();
      navigate(to);
    });
    this.chairNote.append(`${t('gutter.compilationHint')} `, link);
  }
}
