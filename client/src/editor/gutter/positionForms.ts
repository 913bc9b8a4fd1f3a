import { delegationByCode, nsaCommittee, threadRulesFor, type Stance } from '@concord/shared';
import { raiseFlag, recordPosition } from '../../api/positions.ts';
import type { PositionsStore } from '../../positions/PositionsStore.ts';
import { stanceOrder } from '../../positions/positionWording.ts';
import { element } from './dom.ts';
import type { PositionsGutterStrings } from './positionsGutterStrings.ts';

const rules = threadRulesFor(nsaCommittee);

export interface FormContext {
  documentId: string;
  blockId: string;
  /** The delegation the signed-in delegate speaks for. */
  delegationCode: string;
  store: PositionsStore;
  strings: () => PositionsGutterStrings;
}

/** "France (FRA)" in the interface language. */
function delegationName(code: string, strings: PositionsGutterStrings): string {
  const name = delegationByCode(code)?.name[strings.language];
  return name === undefined ? code : `${name} (${code})`;
}

/** A labelled control: its label element (relabelled on a language change) and the control. */
function labelled<T extends HTMLSelectElement | HTMLTextAreaElement>(control: T, id: string): { label: HTMLLabelElement; wrapper: HTMLDivElement; control: T } {
  const wrapper = element('div', 'field gutter-form__field');
  const label = element('label', 'field__label');
  label.htmlFor = id;
  control.id = id;
  wrapper.append(label, control);
  return { label, wrapper, control };
}

/** The line under a form saying what happened: a success politely, a refusal at once; typed text stays in the fields. */
class FormMessage {
  readonly node = element('p', 'gutter-form__message');

  show(kind: 'success' | 'error' | null, text = ''): void {
    this.node.textContent = text;
    this.node.className = kind === null ? 'gutter-form__message' : `gutter-form__message gutter-form__message--${kind}`;
    if (kind === 'error') this.node.setAttribute('role', 'alert');
    else this.node.setAttribute('role', 'status');
  }
}

/**
 * The delegation's position on the paragraph: stance and optional explanation, showing the recorded one. Built
 * once per paragraph and kept (across gutter re-renders and live updates), so nothing typed is lost; the fields
 * follow the recorded position only while the delegate has not touched them.
 */
export class PositionForm {
  readonly root = element('form', 'gutter-form');
  private readonly legend = element('legend', 'gutter-form__legend');
  private readonly current = element('p', 'gutter-form__current');
  private readonly stance;
  private readonly explanation;
  private readonly submit = element('button', 'button button--primary gutter-form__submit');
  private readonly message = new FormMessage();
  private recorded: { stance: Stance; explanation: string | null } | null = null;
  private touched = false;
  private busy = false;

  constructor(private readonly context: FormContext) {
    const id = `concord-position-${context.blockId}`;
    this.stance = labelled(document.createElement('select'), `${id}-stance`);
    this.stance.control.append(new Option('', ''), ...stanceOrder.map((stance) => new Option('', stance)));
    this.explanation = labelled(document.createElement('textarea'), `${id}-explanation`);
    this.explanation.control.rows = 3;
    this.explanation.control.maxLength = rules.maxExplanationLength;
    this.submit.type = 'submit';
    const fieldset = element('fieldset', 'gutter-form__fieldset');
    fieldset.append(this.legend, this.current, this.stance.wrapper, this.explanation.wrapper, this.submit, this.message.node);
    this.root.append(fieldset);
    this.root.noValidate = true;
    const touch = () => {
      this.touched = true;
    };
    this.stance.control.addEventListener('change', touch);
    this.explanation.control.addEventListener('input', touch);
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.relabel();
  }

  /** Puts every text in the current language. */
  relabel(): void {
    const strings = this.context.strings();
    this.legend.textContent = strings.t('form.legend', { delegation: delegationName(this.context.delegationCode, strings) });
    this.stance.label.textContent = strings.t('form.stance');
    this.explanation.label.textContent = strings.t('form.explanation');
    const [placeholder, ...options] = [...this.stance.control.options];
    if (placeholder !== undefined) placeholder.textContent = strings.t('form.choose');
    options.forEach((option, index) => (option.textContent = strings.t(`stance.${stanceOrder[index] ?? 'supports'}`)));
    this.showRecorded();
  }

  /** The delegation's recorded position (null: none yet), from the store. */
  setRecorded(recorded: { stance: Stance; explanation: string | null } | null): void {
    this.recorded = recorded;
    if (!this.touched) {
      this.stance.control.value = recorded?.stance ?? '';
      this.explanation.control.value = recorded?.explanation ?? '';
    }
    this.showRecorded();
  }

  private showRecorded(): void {
    const strings = this.context.strings();
    this.current.hidden = this.recorded === null;
    this.current.textContent = this.recorded === null ? '' : strings.t('form.current', { stance: strings.t(`stanceShort.${this.recorded.stance}`) });
    this.submit.textContent = this.busy ? strings.t('form.recording') : this.recorded === null ? strings.t('form.record') : strings.t('form.update');
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    const strings = this.context.strings();
    const stance = stanceOrder.find((candidate) => candidate === this.stance.control.value);
    if (stance === undefined) {
      this.message.show('error', strings.t('form.chooseFirst'));
      this.stance.control.focus();
      return;
    }
    const explanation = this.explanation.control.value.trim();
    this.busy = true;
    this.submit.disabled = true;
    this.showRecorded();
    this.message.show(null);
    try {
      const { documentId, blockId, store } = this.context;
      const answer = await recordPosition({ documentId, blockId, stance, explanation: explanation === '' ? null : explanation });
      this.touched = false;
      store.applyRecorded(answer.position, answer.summary);
      this.message.show('success', strings.t('form.recorded'));
    } catch (error) {
      this.message.show('error', this.context.strings().error(error));
    } finally {
      this.busy = false;
      this.submit.disabled = false;
      this.showRecorded();
    }
  }
}

/** "Our views are not reflected": an optional explanation and the button; says when the delegation already flagged. */
export class FlagForm {
  readonly root = element('form', 'gutter-form gutter-form--flag');
  private readonly legend = element('legend', 'gutter-form__legend');
  private readonly hint = element('p', 'gutter-form__hint');
  private readonly already = element('p', 'gutter-form__current');
  private readonly explanation;
  private readonly submit = element('button', 'button button--secondary gutter-form__submit');
  private readonly message = new FormMessage();
  private flagged = false;
  private busy = false;

  constructor(private readonly context: FormContext) {
    this.explanation = labelled(document.createElement('textarea'), `concord-flag-${context.blockId}-explanation`);
    this.explanation.control.rows = 2;
    this.explanation.control.maxLength = rules.maxExplanationLength;
    this.submit.type = 'submit';
    const fieldset = element('fieldset', 'gutter-form__fieldset');
    fieldset.append(this.legend, this.hint, this.already, this.explanation.wrapper, this.submit, this.message.node);
    this.root.append(fieldset);
    this.root.noValidate = true;
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
    this.relabel();
  }

  relabel(): void {
    const strings = this.context.strings();
    const delegation = delegationName(this.context.delegationCode, strings);
    this.legend.textContent = strings.t('form.flagLegend');
    this.hint.textContent = strings.t('form.flagHint', { delegation });
    this.already.textContent = strings.t('form.alreadyFlagged', { delegation });
    this.already.hidden = !this.flagged;
    this.explanation.label.textContent = strings.t('form.flagExplanation');
    this.submit.textContent = this.busy ? strings.t('form.flagging') : strings.t('form.flag');
  }

  /** Whether the delegation has a flag on this paragraph already. */
  setFlagged(flagged: boolean): void {
    this.flagged = flagged;
    this.already.hidden = !flagged;
  }

  private async send(): Promise<void> {
    if (this.busy) return;
    const explanation = this.explanation.control.value.trim();
    this.busy = true;
    this.submit.disabled = true;
    this.relabel();
    this.message.show(null);
    try {
      const { documentId, blockId, store } = this.context;
      store.applyFlag(await raiseFlag({ documentId, blockId, explanation: explanation === '' ? null : explanation }));
      this.explanation.control.value = '';
      this.message.show('success', this.context.strings().t('form.flagged'));
    } catch (error) {
      this.message.show('error', this.context.strings().error(error));
    } finally {
      this.busy = false;
      this.submit.disabled = false;
      this.relabel();
    }
  }
}
