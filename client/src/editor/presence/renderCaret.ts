import type { DecorationAttrs } from '@tiptap/pm/view';
import { presenceUserSchema, type PresenceUser } from '@concord/shared';
import { presenceCue } from './presenceCue.ts';

export interface CaretStrings {
  label: (user: PresenceUser) => string;
}

/**
 * Another person's caret: a line in their group's colour and line style, with a label naming them, their
 * delegation and group. Colours go through the CSSOM (element.style), which the Content-Security-Policy allows;
 * a style attribute would be refused. The awareness state is validated: it came over the network.
 */
export function renderCaret(state: Record<string, unknown>, strings: CaretStrings): HTMLElement {
  const caret = document.createElement('span');
  const parsed = presenceUserSchema.safeParse(state);
  caret.className = `collab-caret collab-caret--${parsed.success ? presenceCue(parsed.data) : 'other'}`;
  const label = document.createElement('span');
  label.className = 'collab-caret__label';
  if (parsed.success) {
    caret.style.borderInlineStartColor = parsed.data.colour;
    label.style.backgroundColor = parsed.data.colour;
    label.textContent = strings.label(parsed.data);
  } else label.textContent = '?';
  caret.append(label);
  return caret;
}

/** Another person's selection: a tint and underline by group or role, set by class (no inline style). */
export function caretSelection(state: Record<string, unknown>): DecorationAttrs {
  const parsed = presenceUserSchema.safeParse(state);
  return { class: `collab-selection collab-selection--${parsed.success ? presenceCue(parsed.data) : 'other'}` };
}
