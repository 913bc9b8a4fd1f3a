import { useTranslation } from 'react-i18next';
import { keyLabel, shortcuts } from './shortcuts.ts';

const listed = ['undo', 'redo', 'bold', 'italic', 'underline', 'brackets', 'addAlternative', 'newParagraphBefore', 'toolbar'] as const;

/** The editor's keyboard shortcuts, one click (or Enter) away. */
export function ShortcutList() {
  const { t } = useTranslation('editor');
  return (
    <details className="shortcut-list">
      <summary>{t('shortcuts.title')}</summary>
      <dl className="shortcut-list__items">
        {listed.map((name) => (
          <div key={name} className="shortcut-list__item">
            <dt>
              <kbd>{keyLabel(shortcuts[name], 'display')}</kbd>
            </dt>
            <dd>{t(`shortcuts.${name}`)}</dd>
          </div>
        ))}
        <div className="shortcut-list__item">
          <dt>
            <kbd>Tab</kbd>
          </dt>
          <dd>{t('shortcuts.gutter')}</dd>
        </div>
      </dl>
    </details>
  );
}
