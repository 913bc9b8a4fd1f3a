import type { Flag, PositionSummary } from '@concord/shared';
import { positionSentences } from '../../positions/positionWording.ts';
import { element } from './dom.ts';
import type { PositionsGutterStrings } from './positionsGutterStrings.ts';

/** The positions on a paragraph as sentences, each followed by the explanations given ("FRA: …"), or that there are none. */
export function positionsList(summary: PositionSummary | undefined, strings: PositionsGutterStrings): HTMLElement {
  const sentences = positionSentences(summary, strings.words);
  if (sentences.length === 0) return element('p', 'positions-dialog__none', strings.t('gutter.none'));
  const list = element('ul', 'positions-dialog__list');
  for (const sentence of sentences) {
    const item = element('li', `positions-dialog__stance positions-dialog__stance--${sentence.stance}`);
    item.append(element('span', 'positions-dialog__sentence', sentence.text));
    const explained = sentence.entries.filter((entry) => entry.explanation !== null);
    if (explained.length > 0) {
      const explanations = element('ul', 'positions-dialog__explanations');
      for (const entry of explained) {
        const line = element('li', '', strings.t('compilation.explanation', { delegation: entry.delegationCode, explanation: entry.explanation ?? '' }));
        line.dir = 'auto';
        explanations.append(line);
      }
      item.append(explanations);
    }
    list.append(item);
  }
  return list;
}

/** The "our views are not reflected" flags on a paragraph: who and when, why, and the chair's answer or that none came yet. */
export function flagList(flags: readonly Flag[], strings: PositionsGutterStrings): HTMLElement | null {
  if (flags.length === 0) return null;
  const list = element('ul', 'positions-dialog__flags');
  for (const flag of flags) {
    const item = element('li', flag.answer === null ? 'positions-dialog__flag is-waiting' : 'positions-dialog__flag');
    item.append(element('p', 'positions-dialog__flag-raised', strings.flagRaised(flag)));
    if (flag.explanation !== null) {
      const quote = element('blockquote', 'positions-dialog__quote', flag.explanation);
      quote.dir = 'auto';
      item.append(quote);
    }
    const answer = flag.answer === null ? strings.t('flags.noAnswer') : strings.t('flags.answer', { date: strings.formatDate(flag.answer.at), answer: flag.answer.text });
    item.append(element('p', flag.answer === null ? 'positions-dialog__answer is-waiting' : 'positions-dialog__answer', answer));
    list.append(item);
  }
  return list;
}
