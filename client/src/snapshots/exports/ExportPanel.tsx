import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportLanguage, ExportMode } from '@concord/shared';
import { liveExportUrl, snapshotExportUrl, snapshotSignatureUrl, type ExportChoice } from '../../api/snapshots.ts';
import { Field } from '../../components/Field.tsx';
import { exportFormats, exportLanguages, exportModes, languageAutonyms } from './exportChoices.ts';
import { useExportLanguage } from './useExportLanguage.ts';

/** What is downloaded: a snapshot (signed, with its signature file) or the live text (an unsigned DRAFT). */
export type ExportTarget = { kind: 'snapshot'; snapshotId: string; number: number } | { kind: 'live'; documentId: string };

export interface ExportPanelProps {
  target: ExportTarget;
  /** Names the group of controls for screen readers ("Download snapshot 2"). */
  label: string;
}

/**
 * Format, mode and language, then plain download links to the API (the session cookie travels with them, and the
 * browser shows its own download progress). A snapshot's file comes with its signature file; the live text's is a
 * DRAFT and has none.
 */
export function ExportPanel({ target, label }: ExportPanelProps) {
  const { t } = useTranslation('snapshots');
  const snapshot = target.kind === 'snapshot';
  // A snapshot is usually sent as its agreed text; the live draft is read for everything still under negotiation.
  const [{ format, mode }, setChoice] = useState<Omit<ExportChoice, 'language'>>({ format: 'docx', mode: snapshot ? 'agreed' : 'compilation' });
  const [language, setLanguage] = useExportLanguage();
  const choice: ExportChoice = { format, mode, language };
  const modeHintId = useId();
  const fileUrl = snapshot ? snapshotExportUrl(target.snapshotId, choice) : liveExportUrl(target.documentId, choice);
  return (
    <div className="export-panel" role="group" aria-label={label}>
      <div className="export-panel__choices">
        <Field label={t('export.format')}>
          {(control) => (
            <select {...control} value={choice.format} onChange={(event) => setChoice({ mode, format: event.target.value as ExportFormat })}>
              {exportFormats.map((format) => (
                <option key={format} value={format}>
                  {t(`export.formats.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('export.mode')}>
          {(control) => (
            <select {...control} aria-describedby={modeHintId} value={choice.mode} onChange={(event) => setChoice({ format, mode: event.target.value as ExportMode })}>
              {exportModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`export.modes.${mode}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('export.language')}>
          {(control) => (
            <select {...control} value={choice.language} onChange={(event) => setLanguage(event.target.value as ExportLanguage)}>
              {exportLanguages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {languageAutonyms[language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="export-panel__mode-hint" id={modeHintId}>
        {t(`export.modeHints.${choice.mode}`)}
      </p>
      <div className="export-panel__actions">
        <a className={snapshot ? 'button button--primary' : 'button button--secondary'} href={fileUrl} download data-testid="export-download">
          {snapshot ? t('export.download') : t('export.downloadDraft')}
        </a>
        {snapshot ? (
          <>
            <a className="button button--secondary" href={snapshotSignatureUrl(target.snapshotId, choice)} download data-testid="export-signature">
              {t('export.signature')}
            </a>
            <p className="export-panel__note">{t('export.signatureHint')}</p>
          </>
        ) : (
          <p className="export-panel__note export-panel__note--draft">{t('export.draftHint')}</p>
        )}
      </div>
    </div>
  );
}
