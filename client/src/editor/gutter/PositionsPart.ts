import type { Flag, PositionSummary } from '@concord/shared';
import { stanceGroups, stanceLine } from '../../positions/positionWording.ts';
import { element, icon } from './dom.ts';
import { markGutter } from './renderGutter.ts';
import { PositionsDialog, type DialogContext } from './PositionsDialog.ts';

export type PartContext = DialogContext;

const flagPath = 'M3 1.5h1.5v13H3zM5.5 2h7.5l-2 3.25L13 8.5H5.5z';

/**
 * The positions and flags of one paragraph in its gutter: a compact line ("proposed by FRA (NWS) · supported by
 * EGY (NNWS)") and a flag indicator, on a button that opens the paragraph's PositionsDialog (made on first use:
 * a long document has hundreds of paragraphs). The gutter's re-renders adopt this element; live changes update it
 * in place. DOM calls and textContent only.
 */
export class PositionsPart {
  readonly root = element('div', 'gutter-positions');
  private readonly toggle = element('button', 'gutter-positions__toggle');
  private readonly line = element('span', 'gutter-positions__line');
  private readonly flagLine = element('span', 'gutter-positions__flag');
  private dialog: PositionsDialog | null = null;
  private label = '';
  private summary: PositionSummary | undefined;
  private flags: readonly Flag[] = [];

  constructor(private readonly context: PartContext) {
    this.toggle.type = 'button';
    this.toggle.setAttribute('aria-haspopup', 'dialog');
    this.toggle.append(this.line, this.flagLine);
    this.root.append(this.toggle);
    this.toggle.addEventListener('click', () => this.open());
    // The attribution tooltip keeps out of the way of the positions line.
    this.root.addEventListener('pointerenter', () => this.root.parentElement?.classList.add('gutter--positions-hover'));
    this.root.addEventListener('pointerleave', () => this.root.parentElement?.classList.remove('gutter--positions-hover'));
    this.render();
  }

  /** The paragraph's label ("PP 2") changes when paragraphs are added before it. */
  setLabel(label: string): void {
    if (label === this.label) return;
    this.label = label;
    this.dialog?.setLabel(label);
  }

  /** New positions or flags from the store; `summary` undefined means none. */
  update(summary: PositionSummary | undefined, flags: readonly Flag[]): void {
    if (summary === this.summary && sameFlags(flags, this.flags)) return;
    this.summary = summary;
    this.flags = flags;
    this.render();
    this.dialog?.update(summary, flags);
  }

  /** Every text again, in the current language (the forms keep what was typed). */
  relabel(): void {
    this.render();
    this.dialog?.relabel();
  }

  /** The paragraph is gone. */
  dispose(): void {
    this.dialog?.dispose();
  }

  private open(): void {
    if (this.dialog === null) {
      this.dialog = new PositionsDialog(`concord-positions-${this.context.blockId}`, this.context);
      this.dialog.setLabel(this.label);
      this.dialog.update(this.summary, this.flags);
      this.toggle.setAttribute('aria-controls', this.dialog.id);
      // An idle part opened on hover stays shown while its dialog is open, so the focus can come back to it.
      this.dialog.onClosed(() => this.root.classList.remove('gutter-positions--open'));
    }
    this.root.classList.add('gutter-positions--open');
    // The paragraph's words, read when opening: the gutter's widget sits just before its block.
    this.dialog.open(this.root.closest('.gutter')?.nextElementSibling?.textContent ?? '');
  }

  private render(): void {
    const strings = this.context.strings();
    const groups = stanceGroups(this.summary);
    const speaks = this.context.delegationCode !== null;
    const nothingRecorded = groups.length === 0 && this.flags.length === 0;
    this.root.hidden = nothingRecorded && !speaks;
    // Only "Record a position": shown beside the paragraph being worked on (and on hover), not beside every one.
    this.root.classList.toggle('gutter-positions--idle', nothingRecorded && speaks);
    this.root.classList.toggle('gutter-positions--flagged', this.flags.length > 0);

    this.line.replaceChildren();
    this.line.classList.toggle('gutter-positions__line--empty', groups.length === 0);
    groups.forEach((group, index) => {
      if (index > 0) this.line.append(strings.words.separator);
      this.line.append(element('span', `gutter-positions__stance--${group.stance}`, stanceLine(group, strings.words)));
    });
    if (groups.length === 0) this.line.textContent = speaks ? strings.t('gutter.record') : '';
    this.line.hidden = groups.length === 0 && !speaks;

    this.flagLine.replaceChildren();
    this.flagLine.hidden = this.flags.length === 0;
    this.flagLine.classList.toggle('gutter-positions__flag--waiting', this.flags.some((flag) => flag.answer === null));
    if (this.flags.length > 0) {
      const { who, state } = strings.flagIndicator(this.flags);
      const words = element('span', 'gutter-positions__flag-words', who);
      words.append(element('span', 'visually-hidden', ', '), element('span', 'gutter-positions__flag-state', state));
      this.flagLine.append(icon('gutter-positions__flag-icon', flagPath), words);
    }
    markGutter(this.root);
  }
}

function sameFlags(left: readonly Flag[], right: readonly Flag[]): boolean {
  return left.length === right.length && left.every((flag, index) => flag === right[index]);
}
