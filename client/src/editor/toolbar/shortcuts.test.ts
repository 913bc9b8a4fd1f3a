import { describe, expect, it } from 'vitest';
import { keyLabel, shortcuts } from './shortcuts.ts';

describe('keyLabel', () => {
  it('names the keys for people and for aria-keyshortcuts, per platform', () => {
    expect(keyLabel(shortcuts.brackets, 'display', false)).toBe('Ctrl+Shift+9');
    expect(keyLabel(shortcuts.brackets, 'aria', false)).toBe('Control+Shift+9');
    expect(keyLabel(shortcuts.addAlternative, 'display', true)).toBe('⌘+Shift+Enter');
    expect(keyLabel(shortcuts.bold, 'aria', true)).toBe('Meta+B');
    expect(keyLabel(shortcuts.toolbar, 'display', false)).toBe('Alt+F10');
  });
});
