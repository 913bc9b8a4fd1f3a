import { useTranslation } from 'react-i18next';
import type { ExportLanguage, ReportPeriod } from '@concord/shared';
import { progressReportDownloadUrl } from '../api/reports.ts';
import { Field } from '../components/Field.tsx';
import { exportLanguages, languageAutonyms } from '../snapshots/exports/exportChoices.ts';
import { useExportLanguage } from '../snapshots/exports/useExportLanguage.ts';

/** The report as a file, Word or HTML, in one of the six UN languages (plain links: the session cookie goes with them). */
export function ReportDownloads({ period }: { period: ReportPeriod }) {
  const { t } = useTranslation('reports');
  const [language, setLanguage] = useExportLanguage();
  return (
    <section className="panel report-downloads" aria-labelledby="report-downloads-title">
      <h2 id="report-downloads-title" className="panel__title">
        {t('downloads.title')}
      </h2>
      <div className="report-downloads__row">
        <Field label={t('downloads.language')}>
          {(control) => (
            <select {...control} value={language} onChange={(event) => setLanguage(event.target.value as ExportLanguage)}>
              {exportLanguages.map((code) => (
                <option key={code} value={code} lang={code}>
                  {languageAutonyms[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <a className="button button--primary" href={progressReportDownloadUrl(period, 'docx', language)} download data-testid="report-download-docx">
          {t('downloads.docx')}
        </a>
        <a className="button button--secondary" href={progressReportDownloadUrl(period, 'html', language)} download data-testid="report-download-html">
          {t('downloads.html')}
        </a>
      </div>
      <p className="report-downloads__note">{t('downloads.note')}</p>
    </section>
  );
}
