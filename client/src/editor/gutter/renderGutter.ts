import { element, icon } from './dom.ts';
import type { GutterEntry } from './gutterEntries.ts';
import type { GutterStrings } from './GutterStrings.ts';

/**
 * Marks the gutter holding a positions part with classes the editor's CSS lays out by (room beside a short
 * paragraph). Classes rather than `:has()`: a `:has()` on every gutter made Chromium recompute styles across the
 * document on each keystroke (about 20 ms in a 100-page text).
 */
export function markGutter(positions: HTMLElement): void {
  const gutter = positions.parentElement;
  if (gutter === null || !gutter.classList.contains('gutter')) return;
  // An idle part (only "Record a position") shows beside the current paragraph only, and needs no room kept.
  gutter.classList.toggle('gutter--positions', !positions.hidden && !positions.classList.contains('gutter-positions--idle'));
  gutter.classList.toggle('gutter--flagged', !positions.hidden && positions.classList.contains('gutter-positions--flagged'));
}

/** A padlock (no emoji font needed); the words say "locked". */
function lockIcon(): SVGSVGElement {
  return icon('gutter__lock', 'M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z');
}

function tooltipId(entry: GutterEntry): string {
  return `concord-gutter-${entry.blockId ?? `at-${entry.pos}`}`;
}

/**
 * The gutter next to one block: a button (label, status, originator and group mix) that selects the block, and
 * the details (who proposed it, who changed it, the balance of groups) in a tooltip shown on hover and on
 * keyboard focus, dismissed with Escape. Built with DOM calls and textContent only: no HTML strings, no styles.
 * `positions` (a paragraph's positions and flags, kept by PositionsGutter across re-renders) goes last.
 */
export function renderGutter(entry: GutterEntry, strings: GutterStrings, onSelect: () => void, positions: HTMLElement | null = null): HTMLElement {
  const container = element('div', `gutter gutter--${entry.status}`);
  const button = element('button', 'gutter__button');
  button.type = 'button';
  const id = tooltipId(entry);
  button.setAttribute('aria-describedby', id);

  const firstLine = element('span', 'gutter__line');
  const label = strings.label(entry);
  // Plain paragraphs get a pilcrow so the button never reads as a bare status; headings and lists need none.
  const shownLabel = label !== '' ? label : entry.type === 'paragraph' ? strings.unlabelled : '';
  if (shownLabel !== '') firstLine.append(element('span', label === '' ? 'gutter__label gutter__label--none' : 'gutter__label', shownLabel));
  const status = element('span', `gutter__status gutter__status--${entry.status}`);
  if (entry.locked) status.append(lockIcon());
  status.append(document.createTextNode(strings.status(entry.status)));
  if (entry.locked) status.append(element('span', 'visually-hidden', `, ${strings.locked}`));
  firstLine.append(status);
  button.append(firstLine);
  if (entry.originator !== null) {
    button.append(element('span', 'gutter__origin', `${strings.speakerShort(entry.originator)} · ${strings.mix(entry.mix)}`));
  }

  const details = element('div', 'gutter__details');
  details.id = id;
  details.setAttribute('role', 'tooltip');
  const title = `${strings.status(entry.status)}${entry.locked ? ` (${strings.locked})` : ''}`;
  details.append(element('p', 'gutter__details-title', label === '' ? title : `${label} · ${title}`));
  if (entry.originator === null) details.append(element('p', '', strings.noAttribution));
  else {
    details.append(element('p', '', strings.proposedBy(entry.originator, entry.createdAt)));
    const list = element('ul', 'gutter__contributors');
    for (const contributor of entry.contributors) list.append(element('li', '', strings.contribution(contributor)));
    details.append(list, element('p', '', strings.balance(entry.mix)));
  }
  details.append(element('p', 'gutter__hint', strings.selectHint));

  button.addEventListener('click', onSelect);
  // WCAG 1.4.13: the tooltip can be dismissed without moving the pointer or the focus.
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') container.classList.add('gutter--dismissed');
  });
  const reset = () => container.classList.remove('gutter--dismissed');
  button.addEventListener('blur', reset);
  container.addEventListener('mouseleave', reset);
  container.append(button, details);
  if (positions !== null) {
    container.append(positions);
    markGutter(positions);
  }
  return container;
}
